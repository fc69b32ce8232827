package io.certbridge.mail;

import io.certbridge.shared.Environment;
import io.certbridge.document.CertificateDocuments;
import io.certbridge.issuance.Certificate;
import io.certbridge.issuance.Certificates;
import io.certbridge.credential.IssuerIdentity;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The e-mail that brings a certificate to its recipient: a plain-text and an HTML version with the
 * verification link and the "Add to LinkedIn profile" link, and the certificate as a PDF. Its Message-ID
 * is the delivery's own, so that a bounce can be traced back to it.
 */
@Component
class CertificateMail {

    private final Certificates certificates;
    private final CertificateDocuments documents;
    private final String from;
    private final String hubBaseUrl;

    CertificateMail(Certificates certificates, CertificateDocuments documents,
                    MailSettings settings, IssuerIdentity issuer) {
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

        MimeBodyPart text = new MimeBodyPart();
        text.setText("""
                Dear %s,

                Congratulations: your certificate "%s" has been issued.

                See and share it: %s
                Add it to your LinkedIn profile: %s

                The certificate is attached as a PDF; anyone can check it at the address above.
                """.formatted(certificate.recipient().name(), achievement, verify, linkedIn), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("""
                <!doctype html><html><body style="font-family:sans-serif;color:#222">
                <p>Dear %s,</p>
                <p>Congratulations: your certificate <strong>%s</strong> has been issued.</p>
                <p><a href="%s">See and share your certificate</a></p>
                <p><a href="%s">Add it to your LinkedIn profile</a></p>
                <p style="color:#555">The certificate is attached as a PDF; anyone can check it at %s.</p>
                </body></html>""".formatted(HtmlUtils.htmlEscape(certificate.recipient().name()),
                HtmlUtils.htmlEscape(achievement), HtmlUtils.htmlEscape(verify), HtmlUtils.htmlEscape(linkedIn),
                HtmlUtils.htmlEscape(verify)), "text/html; charset=UTF-8");
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
}
