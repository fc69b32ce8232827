package io.certbridge.mail;

import io.certbridge.shared.Environment;
import io.certbridge.document.CertificateDocuments;
import io.certbridge.issuance.Certificate;
import io.certbridge.issuance.Certificates;
import io.certbridge.credential.IssuerIdentity;
import io.certbridge.wallet.OfferLinks;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The e-mail that brings a certificate to its recipient: a plain-text and an HTML version with the
 * verification link and the "Add to LinkedIn profile" link (and a wallet offer, link and QR code, when
 * certbridge.wallet.offer-in-email is on), and the certificate as a PDF. Its Message-ID
 * is the delivery's own, so that a bounce can be traced back to it.
 */
@Component
class CertificateMail {

    private final Certificates certificates;
    private final CertificateDocuments documents;
    private final String from;
    private final String hubBaseUrl;
    private final OfferLinks walletOffers;

    CertificateMail(Certificates certificates, CertificateDocuments documents,
                    MailSettings settings, IssuerIdentity issuer, OfferLinks walletOffers) {
        this.walletOffers = walletOffers;
        this.hubBaseUrl = issuer.baseUrl();
        this.certificates = certificates;
        this.documents = documents;
        this.from = settings.smtp().from();
    }

    MimeMessage compose(String certificateId, String messageId) throws MessagingException, UnsupportedEncodingException {
        Certificate certificate = certificates.find(certificateId, Environment.LIVE).orElseThrow();
        String achievement = documents.achievementName(certificate);
        String verify = certificate.verificationUrl();
        String linkedIn = hubBaseUrl + "/verify/" + certificate.id() + "/linkedin";
        MimeMessage message = RecipientMessage.of(certificate, from, messageId, "Your certificate: " + achievement);
        Optional<OfferLinks.OfferLink> wallet = walletOffers.forEmail(certificate);

        MimeBodyPart text = new MimeBodyPart();
        text.setText("""
                Dear %s,

                Congratulations: your certificate "%s" has been issued.

                See and share it: %s
                Add it to your LinkedIn profile: %s
                %s
                The certificate is attached as a PDF; anyone can check it at the address above.
                """.formatted(certificate.recipient().name(), achievement, verify, linkedIn,
                wallet.map(w -> "Add it to your wallet (OpenID4VCI, once): " + w.url() + "\n").orElse("")), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("""
                <!doctype html><html><body style="font-family:sans-serif;color:#222">
                <p>Dear %s,</p>
                <p>Congratulations: your certificate <strong>%s</strong> has been issued.</p>
                <p><a href="%s">See and share your certificate</a></p>
                <p><a href="%s">Add it to your LinkedIn profile</a></p>
                %s<p style="color:#555">The certificate is attached as a PDF; anyone can check it at %s.</p>
                </body></html>""".formatted(HtmlUtils.htmlEscape(certificate.recipient().name()),
                HtmlUtils.htmlEscape(achievement), HtmlUtils.htmlEscape(verify), HtmlUtils.htmlEscape(linkedIn),
                wallet.map(CertificateMail::walletHtml).orElse(""), HtmlUtils.htmlEscape(verify)),
                "text/html; charset=UTF-8");
        MimeMultipart alternatives = new MimeMultipart("alternative", text, html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternatives);
        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(documents.pdf(certificate), "application/pdf")));
        pdf.setFileName("certificate.pdf");
        message.setContent(new MimeMultipart(body, pdf));
        message.saveChanges();
        return message;
    }

    /** The wallet offer: its link, which opens the wallet on the phone, and its QR code to scan from a screen. */
    private static String walletHtml(OfferLinks.OfferLink wallet) {
        return """
                <p><a href="%s" id="wallet-offer">Add it to your wallet</a> (OpenID4VCI; the offer can be used once),
                or scan this code with your wallet:<br><img src="%s" width="200" height="200" alt="QR code of the wallet offer"></p>
                """.formatted(HtmlUtils.htmlEscape(wallet.url()), HtmlUtils.htmlEscape(wallet.qrCodeUrl()));
    }
}
