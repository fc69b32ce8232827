package io.certbridge.benchmark;

import com.icegreen.greenmail.util.GreenMail;
import io.certbridge.support.InboxMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
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
        MimeMessage sent = InboxMail.csvOfLearners(template, ROWS, UUID.randomUUID().toString());
        long start = System.nanoTime();
        InboxMail.deliver(mail, sent);
        while (!replied(sent)) {
            if ((System.nanoTime() - start) / 1e9 > 300) {
                throw new IllegalStateException("No reply after 5 minutes");
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private boolean replied(MimeMessage sent) throws MessagingException {
        return !InboxMail.repliesTo(mail, sent).isEmpty();
    }
}
