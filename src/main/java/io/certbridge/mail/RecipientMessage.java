package io.certbridge.mail;

import io.certbridge.issuance.Certificate;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.util.Properties;

/**
 * An automatic e-mail to a certificate's recipient whose Message-ID is its delivery's own, so that every attempt
 * sends the same one and a bounce finds its delivery.
 */
final class RecipientMessage {

    private static final Session SESSION = Session.getInstance(new Properties());

    private RecipientMessage() {
    }

    static MimeMessage of(Certificate certificate, String from, String messageId, String subject)
            throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new MimeMessage(SESSION) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress(from));
        message.setRecipient(MimeMessage.RecipientType.TO,
                new InternetAddress(certificate.recipient().email(), certificate.recipient().name(), "UTF-8"));
        message.setSubject(subject, "UTF-8");
        message.setHeader("Auto-Submitted", "auto-generated");
        return message;
    }
}
