package io.certbridge.mail;

import io.certbridge.document.CertificateDocuments;
import io.certbridge.issuance.Certificate;
import io.certbridge.issuance.Certificates;
import io.certbridge.shared.Environment;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The e-mail that reminds a recipient that their certificate expires soon: the day it expires (UTC) and the link
 * to see it, as plain text and HTML. Its Message-ID is the delivery's own, like the certificate's e-mail.
 */
@Component
class ExpiryReminderMail {

    private final Certificates certificates;
    private final CertificateDocuments documents;
    private final String from;

    ExpiryReminderMail(Certificates certificates, CertificateDocuments documents, MailSettings settings) {
        this.certificates = certificates;
        this.documents = documents;
        this.from = settings.smtp().from();
    }

    MimeMessage compose(String certificateId, String messageId) throws MessagingException, UnsupportedEncodingException {
        Certificate certificate = certificates.find(certificateId, Environment.LIVE).orElseThrow();
        String achievement = documents.achievementName(certificate);
        LocalDate expires = LocalDate.ofInstant(certificate.expiresAt(), ZoneOffset.UTC);
        String verify = certificate.verificationUrl();
        MimeMessage message = RecipientMessage.of(certificate, from, messageId,
                "Your certificate expires on " + expires + ": " + achievement);

        MimeBodyPart text = new MimeBodyPart();
        text.setText("""
                Dear %s,

                your certificate "%s" expires on %s.

                See it: %s
                """.formatted(certificate.recipient().name(), achievement, expires, verify), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("""
                <!doctype html><html><body style="font-family:sans-serif;color:#222">
                <p>Dear %s,</p>
                <p>your certificate <strong>%s</strong> expires on %s.</p>
                <p><a href="%s">See your certificate</a></p>
                </body></html>""".formatted(HtmlUtils.htmlEscape(certificate.recipient().name()),
                HtmlUtils.htmlEscape(achievement), expires, HtmlUtils.htmlEscape(verify)), "text/html; charset=UTF-8");
        message.setContent(new MimeMultipart("alternative", text, html));
        message.saveChanges();
        return message;
    }
}
