package io.certbridge.mail;

import io.certbridge.document.CertificateDocuments;
import io.certbridge.issuance.Certificate;
import io.certbridge.issuance.Certificates;
import io.certbridge.shared.Environment;
import io.certbridge.wallet.TxCodes;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import org.springframework.stereotype.Component;

/**
 * The e-mail that gives a recipient the transaction code their wallet asks for when they add the certificate
 * offered to it (OpenID4VCI's tx_code), in plain text only, composed when it is sent.
 */
@Component
class WalletTxCodeMail {

    private final Certificates certificates;
    private final CertificateDocuments documents;
    private final TxCodes txCodes;
    private final String from;

    WalletTxCodeMail(Certificates certificates, CertificateDocuments documents, TxCodes txCodes,
                     MailSettings settings) {
        this.certificates = certificates;
        this.documents = documents;
        this.txCodes = txCodes;
        this.from = settings.smtp().from();
    }

    MimeMessage compose(String certificateId, String offerId, String messageId)
            throws MessagingException, UnsupportedEncodingException {
        Certificate certificate = certificates.find(certificateId, Environment.LIVE).orElseThrow();
        String achievement = documents.achievementName(certificate);
        MimeMessage message = RecipientMessage.of(certificate, from, messageId,
                "Your code to add \"" + achievement + "\" to your wallet");
        message.setText("""
                Dear %s,

                when your wallet asks for a transaction code to add your certificate "%s", enter:

                %s

                If you did not ask to add the certificate to a wallet, ignore this e-mail.
                """.formatted(certificate.recipient().name(), achievement, txCodes.of(offerId)), "UTF-8");
        message.saveChanges();
        return message;
    }
}
