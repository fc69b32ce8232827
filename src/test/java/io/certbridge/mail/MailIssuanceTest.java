package io.certbridge.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.InboxMail;
import io.certbridge.support.OutsideSystems;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Issuing by mail, end to end against a real IMAP and SMTP server (GreenMail): a mail in the hub's inbox is
 * read over IMAP, issues, is moved to a folder, and is answered over SMTP.
 */
class MailIssuanceTest extends HubTestBase {

    private final GreenMail mail = OutsideSystems.mail();
    private final Session session = Session.getInstance(new Properties());

    /** A mail as a client would send it to the hub's inbox, with its own Message-ID kept. */
    private MimeMessage issuanceMail(String from, String subject, String body) throws MessagingException {
        String messageId = "<" + UUID.randomUUID() + "@school.test>";
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress(from));
        message.setRecipients(Message.RecipientType.TO, OutsideSystems.HUB_INBOX);
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        message.saveChanges();
        return message;
    }

    private void deliver(MimeMessage message) {
        InboxMail.deliver(mail, message);
    }

    private Optional<MimeMessage> replyTo(MimeMessage original) throws MessagingException {
        return InboxMail.repliesTo(mail, original).stream().findFirst();
    }

    private MimeMessage awaitReply(MimeMessage original) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> replyTo(original), Optional::isPresent).get();
    }

    /** Whether the hub's mailbox folder holds the mail; reading may fail while the hub moves mails, so callers retry. */
    private boolean inFolder(String folder, MimeMessage original) throws MessagingException {
        Store store = session.getStore("imap");
        store.connect("127.0.0.1", mail.getImap().getPort(), OutsideSystems.HUB_INBOX, OutsideSystems.HUB_INBOX_PASSWORD);
        try {
            Folder box = store.getFolder(folder);
            if (!box.exists()) {
                return false;
            }
            box.open(Folder.READ_ONLY);
            try {
                for (Message message : box.getMessages()) {
                    if (original.getMessageID().equals(((MimeMessage) message).getMessageID())) {
                        return true;
                    }
                }
                return false;
            } finally {
                box.close(false);
            }
        } finally {
            store.close();
        }
    }

    private static String text(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && part.getFileName() == null) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            return text(multipart.getBodyPart(0));
        }
        return "";
    }

    private static String attachment(MimeMessage reply, String name) throws MessagingException, IOException {
        MimeMultipart parts = (MimeMultipart) reply.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            MimeBodyPart part = (MimeBodyPart) parts.getBodyPart(i);
            if (name.equals(part.getFileName())) {
                return new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no attachment " + name);
    }

    @Test
    void keyValueRecipientsFromAnAllowedSenderIssueAndTheReplyGivesEachRowsOutcome() throws Exception {
        String template = courseTemplate();
        String ada = "ada." + UUID.randomUUID() + "@example.com";
        MimeMessage sent = issuanceMail(OutsideSystems.REGISTRAR, "Issue: " + template, """
                Secret: %s

                Name: Ada Lovelace
                Email: %s
                Course: Analytical Engines
                Completed on: 2026-11-01

                Name: Zoë Ångström
                Email: zoe@example.com
                Course: Optics
                Completed on: yesterday
                """.formatted(OutsideSystems.REGISTRAR_SECRET, ada));

        deliver(sent);

        MimeMessage reply = awaitReply(sent);
        JsonNode issued = api().get("/v1/certificates?recipient_email=" + ada).body().get("data");
        assertThat(issued).hasSize(1);
        String certificate = issued.get(0).get("id").asText();
        assertThat(reply.getAllRecipients()).extracting(Object::toString).containsExactly(OutsideSystems.REGISTRAR);
        assertThat(text(reply)).contains("1 of 2 certificate(s) issued", "Row 1, Ada Lovelace", certificate,
                "/verify/" + certificate, "Row 2, Zoë Ångström", "not issued");
        assertThat(attachment(reply, "results.csv")).startsWith("row,name,email,status,certificate_id")
                .contains("1,Ada Lovelace," + ada + ",issued," + certificate).contains("2,Zoë Ångström");
        await().ignoreExceptions().atMost(Duration.ofSeconds(10))
                .until(() -> inFolder("certbridge/processed", sent) && !inFolder("INBOX", sent));
    }

    @Test
    void theSameMailReadTwiceIssuesOnce() throws Exception {
        String template = courseTemplate();
        String email = "twice." + UUID.randomUUID() + "@example.com";
        MimeMessage sent = issuanceMail(OutsideSystems.REGISTRAR, "Issue: " + template + " [secret "
                + OutsideSystems.REGISTRAR_SECRET + "]", "Name: Alan Turing\nEmail: " + email + "\nCourse: Cryptanalysis\n");

        deliver(sent);
        awaitReply(sent);
        deliver(sent);

        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> !inFolder("INBOX", sent));
        assertThat(api().get("/v1/certificates?recipient_email=" + email).body().get("data")).hasSize(1);
        assertThat(InboxMail.repliesTo(mail, sent)).hasSize(1);
    }

    @Test
    void aSenderWithoutItsSecretOrNotAllowedIsRejectedWithoutAReply() throws Exception {
        String template = courseTemplate();
        String email = "forged." + UUID.randomUUID() + "@example.com";
        String recipients = "Name: Mallory\nEmail: " + email + "\nCourse: Forgery\n";
        MimeMessage wrongSecret = issuanceMail(OutsideSystems.REGISTRAR, "Issue: " + template,
                "Secret: guessed\n\n" + recipients);
        MimeMessage stranger = issuanceMail("someone@elsewhere.test", "Issue: " + template,
                "Secret: " + OutsideSystems.REGISTRAR_SECRET + "\n\n" + recipients);

        deliver(wrongSecret);
        deliver(stranger);

        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> inFolder("certbridge/rejected", wrongSecret)
                && inFolder("certbridge/rejected", stranger));
        Thread.sleep(1_500);
        assertThat(replyTo(wrongSecret)).isEmpty();
        assertThat(replyTo(stranger)).isEmpty();
        assertThat(api().get("/v1/certificates?recipient_email=" + email).body().get("data")).isEmpty();
    }

    @Test
    void aDkimPassRecordedByTheHubsOwnServerLetsATrustedSenderIssue() throws Exception {
        String template = courseTemplate();
        String signed = "signed." + UUID.randomUUID() + "@example.com";
        String forged = "forged." + UUID.randomUUID() + "@example.com";
        MimeMessage passed = issuanceMail(OutsideSystems.DKIM_SENDER, "Issue: " + template,
                "Name: Grace Hopper\nEmail: " + signed + "\nCourse: Compilers\n");
        passed.addHeader("Authentication-Results", OutsideSystems.DKIM_AUTHSERV_ID
                + "; dkim=pass header.d=signed.test header.s=mail; spf=pass smtp.mailfrom=signed.test");
        MimeMessage elsewhere = issuanceMail(OutsideSystems.DKIM_SENDER, "Issue: " + template,
                "Name: Grace Hopper\nEmail: " + forged + "\nCourse: Compilers\n");
        elsewhere.addHeader("Authentication-Results", "mx.attacker.test; dkim=pass header.d=signed.test");

        deliver(passed);
        deliver(elsewhere);

        awaitReply(passed);
        assertThat(api().get("/v1/certificates?recipient_email=" + signed).body().get("data")).hasSize(1);
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> inFolder("certbridge/rejected", elsewhere));
        assertThat(api().get("/v1/certificates?recipient_email=" + forged).body().get("data")).isEmpty();
    }

    @Test
    void aCsvAttachmentIssuesItsGoodRowsAndTheReplySaysWhatIsWrongWithTheOthers() throws Exception {
        String template = courseTemplate();
        String ada = "csv.ada." + UUID.randomUUID() + "@example.com";
        String alan = "csv.alan." + UUID.randomUUID() + "@example.com";
        MimeMessage sent = issuanceMail(OutsideSystems.REGISTRAR, "Issue: " + template + " [secret "
                + OutsideSystems.REGISTRAR_SECRET + "]", "Recipients attached.");
        MimeBodyPart body = new MimeBodyPart();
        body.setText("Recipients attached.", "UTF-8");
        MimeBodyPart csv = new MimeBodyPart();
        csv.setContent("name;email;course;completed_on\r\nAda Lovelace;" + ada + ";\"Engines; analytical\";2026-11-01\r\n"
                + "\"Turing, Alan\";" + alan + ";Cryptanalysis;2026-11-02\r\n;;Nobody;\r\n", "text/csv; charset=UTF-8");
        csv.setFileName("graduates.csv");
        sent.setContent(new MimeMultipart(body, csv));
        sent.saveChanges();

        deliver(sent);

        MimeMessage reply = awaitReply(sent);
        assertThat(text(reply)).contains("2 of 3 certificate(s) issued", "Row 4: not issued: the name is missing");
        assertThat(api().get("/v1/certificates?recipient_email=" + alan).body().get("data").get(0)
                .at("/recipient/name").asText()).isEqualTo("Turing, Alan");
        assertThat(api().get("/v1/certificates?recipient_email=" + ada).body().get("data").get(0)
                .at("/fields/course").asText()).isEqualTo("Engines; analytical");
        assertThat(attachment(reply, "results.csv")).contains("\"Turing, Alan\"");
    }

    @Test
    void anHtmlOnlyMailIsAnsweredWithWhatToSendInstead() throws Exception {
        MimeMessage sent = issuanceMail(OutsideSystems.REGISTRAR, "Issue: " + courseTemplate() + " [secret "
                + OutsideSystems.REGISTRAR_SECRET + "]", "");
        sent.setContent("<p>Name: Ada<br>Email: ada@example.com</p>", "text/html; charset=UTF-8");
        sent.saveChanges();

        deliver(sent);

        assertThat(text(awaitReply(sent))).contains("Nothing was issued", "no plain-text part");
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> inFolder("certbridge/failed", sent));
    }

    /** The hub's record of the mail with this subject, as the API shows it. */
    private JsonNode recorded(String subject) {
        JsonNode page = api().get("/v1/issuance-mails?limit=100").body();
        return StreamSupport.stream(page.get("data").spliterator(), false)
                .filter(mail -> mail.get("subject").asText().equals(subject)).findFirst().orElseThrow();
    }

    private static String raw(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theSendersSecretInTheSubjectIsNeitherRepeatedInTheReplyNorKept() throws Exception {
        String template = courseTemplate();
        MimeMessage sent = issuanceMail(OutsideSystems.REGISTRAR, "Issue: " + template + " [secret "
                + OutsideSystems.REGISTRAR_SECRET + "]", "Name: Ada Lovelace\nEmail: secret." + UUID.randomUUID()
                + "@example.com\nCourse: Engines\n\nName: Alan Turing\nCourse: Computability\nSecret "
                + OutsideSystems.REGISTRAR_SECRET + "\n");

        deliver(sent);

        MimeMessage reply = awaitReply(sent);
        assertThat(reply.getSubject()).isEqualTo("Re: Issue: " + template);
        assertThat(text(reply)).startsWith("Your mail \"Issue: " + template + "\": 1 of 2");
        assertThat(raw(reply)).doesNotContain(OutsideSystems.REGISTRAR_SECRET);
        JsonNode stored = recorded("Issue: " + template);
        assertThat(stored.get("status").asText()).isEqualTo("issuing");
        assertThat(stored.toString()).doesNotContain(OutsideSystems.REGISTRAR_SECRET);
    }

    @Test
    void theReplyNamesEachRowByTheRowOfTheSendersFileInPlainWords() throws Exception {
        String ada = "rows.ada." + UUID.randomUUID() + "@example.com";
        String zoe = "rows.zoe." + UUID.randomUUID() + "@example.com";
        MimeMessage sent = withCsv("""
                name,email,course,completed_on
                Ada Lovelace,%s,Engines,2026-11-01
                Zoë Ångström,%s,Optics,31/02/2026
                Grace Hopper,,Compilers,2026-11-02
                """.formatted(ada, zoe));

        deliver(sent);

        MimeMessage reply = awaitReply(sent);
        assertThat(text(reply)).contains("1 of 3 certificate(s) issued",
                "Row 2, Ada Lovelace <" + ada + ">: issued cert_",
                "Row 3, Zoë Ångström <" + zoe + ">: not issued: completed_on is not a date (YYYY-MM-DD): 31/02/2026",
                "Row 4, Grace Hopper: not issued: the e-mail address is missing")
                .doesNotContain("null", "recipients[", "fields.");
        assertThat(attachment(reply, "results.csv")).contains(
                "3,Zoë Ångström," + zoe + ",failed,,,completed_on is not a date (YYYY-MM-DD): 31/02/2026",
                "4,Grace Hopper,,failed,,,the e-mail address is missing");
        assertThat(api().get("/v1/certificates?recipient_email=" + zoe).body().get("data")).isEmpty();
    }

    private MimeMessage withCsv(String csvText) throws MessagingException {
        MimeMessage sent = issuanceMail(OutsideSystems.REGISTRAR, "Issue: " + courseTemplate() + " [secret "
                + OutsideSystems.REGISTRAR_SECRET + "]", "");
        MimeBodyPart body = new MimeBodyPart();
        body.setText("Recipients attached.", "UTF-8");
        MimeBodyPart csv = new MimeBodyPart();
        csv.setContent(csvText, "text/csv; charset=UTF-8");
        csv.setFileName("graduates.csv");
        sent.setContent(new MimeMultipart(body, csv));
        sent.saveChanges();
        return sent;
    }

    @Test
    void anAttachmentOverTheLimitAMalformedCsvAndAnEmptyMailAreEachAnsweredInWords() throws Exception {
        MimeMessage tooLarge = withCsv("name,email,course\r\n" + "Ada,ada@example.com,Engines\r\n".repeat(40_000));
        MimeMessage malformed = withCsv("name,email,course\r\nAda,ada@example.com,\"Engines\r\n");
        MimeMessage empty = issuanceMail(OutsideSystems.REGISTRAR, "Issue: " + courseTemplate() + " [secret "
                + OutsideSystems.REGISTRAR_SECRET + "]", "");

        deliver(tooLarge);
        deliver(malformed);
        deliver(empty);

        assertThat(text(awaitReply(tooLarge))).contains("Nothing was issued", "graduates.csv", "the limit is");
        assertThat(text(awaitReply(malformed))).contains("Nothing was issued", "line 2");
        assertThat(text(awaitReply(empty))).contains("Nothing was issued", "names no recipients");
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> inFolder("certbridge/failed", tooLarge)
                && inFolder("certbridge/failed", malformed) && inFolder("certbridge/failed", empty));
    }

    @Test
    void anUnknownTemplateIsAnsweredInWordsAndTheMailMovesToFailed() throws Exception {
        MimeMessage sent = issuanceMail(OutsideSystems.REGISTRAR, "Issue: No Such Course",
                "Secret: " + OutsideSystems.REGISTRAR_SECRET + "\n\nName: Ada\nEmail: ada@example.com\n");

        deliver(sent);

        MimeMessage reply = awaitReply(sent);
        assertThat(text(reply)).contains("Nothing was issued", "No Such Course");
        await().ignoreExceptions().atMost(Duration.ofSeconds(10)).until(() -> inFolder("certbridge/failed", sent));
    }
}
