package io.certbridge.mail;

import io.certbridge.credential.IssuerIdentity;
import io.certbridge.issuance.Batches;
import io.certbridge.issuance.Batches.BatchError;
import io.certbridge.issuance.Batches.RowOutcomes;
import io.certbridge.shared.csv.CsvCells;
import io.certbridge.mail.IssuanceMails.MailRow;
import io.certbridge.mail.IssuanceMails.Unanswered;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The replies to issuance mails, in words: a failed mail's reply says what is wrong with it; an issuing
 * mail's reply, sent once its batch is done, gives each row's certificate id and verification link or
 * why it was not issued, with the same as a CSV attachment (results.csv). Rows are named by the mail's own
 * row numbers. A reply is recorded as sent only once the SMTP server took it; one it did not take is tried
 * again after a back-off (certbridge.mail.retry) and given up after the last attempt.
 */
@Component
public class MailReplies {

    private static final Logger log = LoggerFactory.getLogger(MailReplies.class);
    public static final String MAIL = "issuanceMail";
    private static final int PER_POLL = 20;
    /** Where a batch error names the row by its place in the batch ("recipients[3].fields.grade ..."). */
    private static final Pattern BATCH_PATH = Pattern.compile("recipients\\[\\d+](?:\\.fields)?\\.?");

    private final IssuanceMails mails;
    private final MailSettings.Retry retry;
    private final Batches batches;
    private final String from;
    private final String verifyBaseUrl;
    private final Session session = Session.getInstance(new Properties());

    MailReplies(IssuanceMails mails, Batches batches, MailSettings settings, IssuerIdentity issuer) {
        this.mails = mails;
        this.batches = batches;
        this.retry = settings.retry();
        this.from = settings.smtp().from();
        this.verifyBaseUrl = issuer.baseUrl() + "/verify/";
    }

    public List<Unanswered> due() {
        return mails.claimDueReplies(PER_POLL);
    }

    public void prepare(Exchange exchange) throws MessagingException {
        Unanswered mail = exchange.getMessage().getBody(Unanswered.class);
        exchange.setProperty(MAIL, mail);
        exchange.getMessage().setBody(reply(mail));
    }

    public void sent(Exchange exchange) {
        mails.replied(exchange.getProperty(MAIL, Unanswered.class).id());
    }

    public void failed(Exchange exchange) {
        Unanswered mail = exchange.getProperty(MAIL, Unanswered.class);
        String failure = FailedSends.describe(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        FailedSends.log(log, "the reply to issuance mail " + mail.id() + " (" + mail.sender() + ")", mail.attempt(),
                retry.maxAttempts(), failure, mails.replyFailed(mail.id(), failure, retry.after(mail.attempt())));
    }

    MimeMessage reply(Unanswered mail) throws MessagingException {
        MimeMessage reply = new MimeMessage(session);
        reply.setFrom(new InternetAddress(from));
        reply.setRecipients(MimeMessage.RecipientType.TO, InternetAddress.parse(mail.sender()));
        String subject = mail.subject() == null ? "" : mail.subject();
        reply.setSubject(subject.regionMatches(true, 0, "Re:", 0, 3) ? subject : "Re: " + subject, "UTF-8");
        reply.setHeader("In-Reply-To", mail.messageId());
        reply.setHeader("References", mail.messageId());
        reply.setHeader("Auto-Submitted", "auto-replied");
        if (mail.status().equals("failed")) {
            reply.setText(failure(mail), "UTF-8");
            return reply;
        }
        RowOutcomes outcomes = batches.rowOutcomes(mail.batchId()).orElseThrow();
        MimeBodyPart text = new MimeBodyPart();
        text.setText(outcome(mail, outcomes), "UTF-8");
        MimeBodyPart csv = new MimeBodyPart();
        csv.setDataHandler(new DataHandler(new ByteArrayDataSource(
                csv(mail, outcomes).getBytes(StandardCharsets.UTF_8), "text/csv; charset=UTF-8")));
        csv.setFileName("results.csv");
        reply.setContent(new MimeMultipart(text, csv));
        return reply;
    }

    private static String failure(Unanswered mail) {
        StringBuilder text = new StringBuilder("Nothing was issued from your mail \"" + mail.subject() + "\".\n\n")
                .append(mail.detail()).append('\n');
        for (MailRow row : mail.rows()) {
            if (!row.problems().isEmpty()) {
                text.append("\nRow ").append(row.number()).append(": ").append(String.join("; ", row.problems()));
            }
        }
        return text.append("\n\nPlease correct the mail and send it again.\n").toString();
    }

    private String outcome(Unanswered mail, RowOutcomes outcomes) {
        long issued = mail.rows().stream().filter(row -> certificate(row, outcomes) != null).count();
        StringBuilder text = new StringBuilder("Your mail \"" + mail.subject() + "\": " + issued + " of "
                + mail.rows().size() + " certificate(s) issued.\n");
        for (MailRow row : mail.rows()) {
            text.append("\nRow ").append(row.number()).append(who(row)).append(": ");
            String certificate = certificate(row, outcomes);
            text.append(certificate != null ? "issued " + certificate + ", " + verifyBaseUrl + certificate
                    : "not issued: " + problem(row, outcomes));
        }
        return text.append("\n\nThe attached results.csv holds the same.\n").toString();
    }

    private String csv(Unanswered mail, RowOutcomes outcomes) {
        StringBuilder csv = new StringBuilder("row,name,email,status,certificate_id,verification_url,error\r\n");
        for (MailRow row : mail.rows()) {
            String certificate = certificate(row, outcomes);
            csv.append(CsvCells.line(Arrays.asList(String.valueOf(row.number()), row.name(), row.email(),
                    certificate != null ? "issued" : "failed", certificate,
                    certificate == null ? null : verifyBaseUrl + certificate,
                    certificate == null ? problem(row, outcomes) : null)));
        }
        return csv.toString();
    }

    /** ", Ann Lee <ann@example.org>", with only what the row gives. */
    private static String who(MailRow row) {
        String address = row.email() == null ? "" : "<" + row.email() + ">";
        String who = row.name() == null ? address : address.isEmpty() ? row.name() : row.name() + " " + address;
        return who.isEmpty() ? "" : ", " + who;
    }

    private static String certificate(MailRow row, RowOutcomes outcomes) {
        return row.batchIndex() == null ? null : outcomes.certificateIds().get(row.batchIndex());
    }

    private static String problem(MailRow row, RowOutcomes outcomes) {
        if (!row.problems().isEmpty()) {
            return String.join("; ", row.problems());
        }
        BatchError error = row.batchIndex() == null ? null : outcomes.errors().get(row.batchIndex());
        return error == null ? "not issued" : BATCH_PATH.matcher(error.detail()).replaceAll("").strip();
    }
}
