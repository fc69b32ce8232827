package io.certbridge.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A bounce as RFC 3464 defines it: {@code multipart/report; report-type=delivery-status}, whose parts name
 * the returned message (its headers, or the whole message) and why it could not be delivered.
 */
record DeliveryStatusNotification(String originalMessageId, String reason) {

    static Optional<DeliveryStatusNotification> of(MimeMessage message) throws MessagingException, IOException {
        if (!message.isMimeType("multipart/report")
                || !"delivery-status".equalsIgnoreCase(new ContentType(message.getContentType()).getParameter("report-type"))
                || !(message.getContent() instanceof Multipart report)) {
            return Optional.empty();
        }
        String original = null;
        String reason = "the recipient's mail server refused the message";
        for (int i = 0; i < report.getCount(); i++) {
            BodyPart part = report.getBodyPart(i);
            if (part.isMimeType("message/delivery-status")) {
                InternetHeaders fields = headers(part.getInputStream());
                String diagnostic = fields.getHeader("Diagnostic-Code", null);
                String status = fields.getHeader("Status", null);
                reason = diagnostic != null ? diagnostic.strip() : status != null ? "status " + status.strip() : reason;
            } else if (part.isMimeType("message/rfc822") && part.getContent() instanceof MimeMessage returned) {
                original = returned.getMessageID();
            } else if (part.isMimeType("text/rfc822-headers")) {
                original = headers(part.getInputStream()).getHeader("Message-ID", null);
            }
        }
        return original == null ? Optional.empty()
                : Optional.of(new DeliveryStatusNotification(original.strip(), reason));
    }

    /** The delivery-status part holds header blocks (per message, then per recipient); all are read as one. */
    private static InternetHeaders headers(InputStream in) throws MessagingException, IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\r?\n\r?\n", "\r\n");
        return new InternetHeaders(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
    }
}
