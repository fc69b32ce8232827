package io.certbridge.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Issuance mails as mail clients send them, and the templates they name. */
final class IssuanceMailFixtures {

    static final String SUBJECT = "Issue: Python 101";
    private static final List<String> FIELDS = List.of("course", "completed_on", "grade");
    private static final Map<String, List<String>> TEMPLATES = Map.of("Python 101", FIELDS, "tpl_01", FIELDS);
    private static final Session SESSION = Session.getInstance(new Properties());

    private IssuanceMailFixtures() {
    }

    static IssuanceMail read(IssuanceMailReader reader, MimeMessage mail) throws MessagingException, IOException {
        return reader.read(mail, ref -> Optional.ofNullable(TEMPLATES.get(ref)));
    }

    static MimeMessage plain(String subject, String body) throws MessagingException {
        MimeMessage mail = new MimeMessage(SESSION);
        mail.setSubject(subject, "UTF-8");
        mail.setText(body, "UTF-8");
        mail.saveChanges();
        return mail;
    }

    static MimeMessage plainIn(String charset) throws MessagingException {
        MimeMessage mail = new MimeMessage(SESSION);
        mail.setSubject(SUBJECT, "UTF-8");
        mail.setText("Name: Zoë Ångström\nEmail: zoe@example.se\n", charset);
        mail.saveChanges();
        return mail;
    }

    /** A mail as it arrives: headers and body as a client writes them, parsed by jakarta.mail. */
    static MimeMessage raw(String rfc822) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(rfc822.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** The mail written out and parsed again, as the IMAP poller would get it. */
    static MimeMessage received(MimeMessage sent) throws MessagingException, IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        sent.writeTo(bytes);
        return new MimeMessage(SESSION, new ByteArrayInputStream(bytes.toByteArray()));
    }

    static MimeMessage withAttachment(String body, byte[] file, String contentType, String fileName)
            throws MessagingException {
        MimeBodyPart text = new MimeBodyPart();
        text.setText(body, "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setDataHandler(new DataHandler(new ByteArrayDataSource(file, contentType)));
        attachment.setFileName(fileName);
        attachment.setDisposition(MimeBodyPart.ATTACHMENT);
        MimeMultipart mixed = new MimeMultipart("mixed", text, attachment);
        MimeMessage mail = new MimeMessage(SESSION);
        mail.setSubject(SUBJECT, "UTF-8");
        mail.setContent(mixed);
        mail.saveChanges();
        return mail;
    }

    static MimeMessage withCsv(String csv) throws MessagingException {
        return withAttachment("Hello,\n\nthe list is attached.\n\nSecret: s3cret\n",
                csv.getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8", "recipients.csv");
    }
}
