package io.certbridge.support;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/** Issuance mails as the registrar sends them to the hub's inbox on GreenMail, and the hub's replies to them. */
public final class InboxMail {

    private InboxMail() {
    }

    /** A mail from the registrar, with its secret, whose CSV attachment names {@code rows} distinct learners. */
    public static MimeMessage csvOfLearners(String template, int rows, String run) throws MessagingException {
        StringBuilder csv = new StringBuilder("name,email,course\r\n");
        for (int i = 1; i <= rows; i++) {
            csv.append("Learner ").append(i).append(",learner").append(i).append('.').append(run)
                    .append("@example.org,Resilience\r\n");
        }
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress(OutsideSystems.REGISTRAR));
        message.setRecipients(Message.RecipientType.TO, OutsideSystems.HUB_INBOX);
        message.setSubject("Issue: " + template + " [secret " + OutsideSystems.REGISTRAR_SECRET + "]");
        MimeBodyPart body = new MimeBodyPart();
        body.setText("Graduates attached.", "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setContent(csv.toString(), "text/csv; charset=UTF-8");
        attachment.setFileName("graduates.csv");
        message.setContent(new MimeMultipart(body, attachment));
        message.saveChanges();
        return message;
    }

    public static void deliver(GreenMail mail, MimeMessage message) {
        mail.getUserManager().getUserByEmail(OutsideSystems.HUB_INBOX).deliver(message);
    }

    /** The replies the hub sent to {@code sent}, found by their In-Reply-To. */
    public static List<MimeMessage> repliesTo(GreenMail mail, MimeMessage sent) throws MessagingException {
        String id = sent.getMessageID();
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return id.equals(m.getHeader("In-Reply-To", null));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
