package io.certbridge.benchmark;

import com.icegreen.greenmail.util.GreenMail;
import io.certbridge.support.OutsideSystems;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Arrays;
import java.util.Properties;
import java.util.UUID;

/**
 * One issuance mail with a CSV of 1,000 recipients, put in the hub's inbox (GreenMail, in this JVM), and
 * timed until the reply with every row's outcome has arrived.
 */
final class MailBenchmark {

    private static final int ROWS = 1_000;

    private final GreenMail mail;
    private final String template;

    MailBenchmark(GreenMail mail, String template) {
        this.mail = mail;
        this.template = template;
    }

    void run() throws Exception {
        once();
        double seconds = once();
        System.out.printf("issuance mail: %,d CSV rows issued and replied to in %.2f s (%,.0f certificates/s)%n",
                ROWS, seconds, ROWS / seconds);
    }

    private double once() throws Exception {
        MimeMessage sent = csvMail();
        long start = System.nanoTime();
        mail.getUserManager().getUserByEmail(OutsideSystems.HUB_INBOX).deliver(sent);
        while (!replied(sent)) {
            if ((System.nanoTime() - start) / 1e9 > 300) {
                throw new IllegalStateException("No reply after 5 minutes");
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private MimeMessage csvMail() throws MessagingException {
        StringBuilder csv = new StringBuilder("name,email,course\r\n");
        String run = UUID.randomUUID().toString();
        for (int i = 1; i <= ROWS; i++) {
            csv.append("Learner ").append(i).append(",learner").append(i).append('.').append(run)
                    .append("@bench.example.org,Benchmarking\r\n");
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

    private boolean replied(MimeMessage sent) throws MessagingException {
        String id = sent.getMessageID();
        return Arrays.stream(mail.getReceivedMessages()).anyMatch(m -> {
            try {
                return id.equals(m.getHeader("In-Reply-To", null));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
