package io.certbridge.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import io.certbridge.backbone.KafkaSettings;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.KafkaTopicReader;
import io.certbridge.support.OutsideSystems;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Certificates e-mailed to their recipients through a real SMTP server (GreenMail), for the templates that
 * ask for it, never for sandbox certificates; and a bounce coming back to the inbox.
 */
class CertificateDeliveryTest extends HubTestBase {

    private final GreenMail mail = OutsideSystems.mail();

    @Autowired
    KafkaSettings kafka;

    private String template(boolean emailDelivery) {
        ApiClient.Response created = api().post("/v1/templates", Map.of(
                "name", "Delivered course " + UUID.randomUUID(), "email_delivery", emailDelivery,
                "fields", List.of(Map.of("name", "course", "type", "string", "required", true))));
        assertThat(created.status()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    private String issue(ApiClient client, String template, String email) {
        ApiClient.Response created = client.post("/v1/certificates", Map.of("template_id", template,
                "recipient", Map.of("name", "Ada Lovelace & Co <test>", "email", email),
                "fields", Map.of("course", "Analytical Engines")));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    private Optional<MimeMessage> mailTo(String email) {
        return Arrays.stream(mail.getReceivedMessagesForDomain(email.substring(email.indexOf('@') + 1)))
                .filter(m -> {
                    try {
                        return Arrays.stream(m.getAllRecipients()).anyMatch(a -> ((InternetAddress) a).getAddress()
                                .equals(email));
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                }).findFirst();
    }

    @Test
    void aLiveCertificateIsMailedWithItsLinksAndPdf() throws Exception {
        String email = "ada." + UUID.randomUUID() + "@learners.test";
        String id = issue(api(), template(true), email);

        MimeMessage sent = await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(email), Optional::isPresent).get();

        assertThat(sent.getSubject()).startsWith("Your certificate: Delivered course");
        MimeMultipart mixed = (MimeMultipart) sent.getContent();
        MimeMultipart alternatives = (MimeMultipart) mixed.getBodyPart(0).getContent();
        String text = (String) alternatives.getBodyPart(0).getContent();
        String html = (String) alternatives.getBodyPart(1).getContent();
        assertThat(text).contains("Ada Lovelace & Co <test>", "/verify/" + id, "/verify/" + id + "/linkedin");
        assertThat(html).contains("Ada Lovelace &amp; Co &lt;test&gt;", "href=\"http", "/verify/" + id + "/linkedin")
                .doesNotContain("<test>");
        MimeBodyPart pdf = (MimeBodyPart) mixed.getBodyPart(1);
        assertThat(pdf.getFileName()).isEqualTo("certificate.pdf");
        assertThat(new String(pdf.getInputStream().readNBytes(5), StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        Thread.sleep(1_000);
        assertThat(Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return sent.getMessageID().equals(m.getMessageID());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        })).as("mailed once").hasSize(1);
    }

    @Test
    void sandboxCertificatesAndTemplatesWithoutDeliveryAreNeverMailed() throws Exception {
        String sandbox = "sandbox." + UUID.randomUUID() + "@learners.test";
        String quiet = "quiet." + UUID.randomUUID() + "@learners.test";
        String delivered = template(true);
        issue(keyWith("test", "certificates:write", "certificates:read"), delivered, sandbox);
        issue(api(), template(false), quiet);
        String control = "control." + UUID.randomUUID() + "@learners.test";
        issue(api(), delivered, control);

        await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(control), Optional::isPresent);
        assertThat(mailTo(sandbox)).isEmpty();
        assertThat(mailTo(quiet)).isEmpty();
    }

    @Test
    void aBounceMarksTheDeliveryFailedAndAnnouncesIt() throws Exception {
        String email = "gone." + UUID.randomUUID() + "@learners.test";
        String id = issue(api(), template(true), email);
        MimeMessage sent = await().atMost(Duration.ofSeconds(30)).until(() -> mailTo(email), Optional::isPresent).get();

        mail.getUserManager().getUserByEmail(OutsideSystems.HUB_INBOX).deliver(bounceOf(sent));

        List<JsonNode> events = KafkaTopicReader.read(kafka.bootstrapServers(), kafka.topics().certificateEvents(),
                e -> e.get("type").asText().equals("certificate.delivery_failed")
                        && id.equals(e.at("/data/certificate_id").asText()), 1, Duration.ofSeconds(30));
        assertThat(events).singleElement().satisfies(e ->
                assertThat(e.at("/data/reason").asText()).contains("550 5.1.1"));
    }

    /** A delivery status notification (RFC 3464) as a receiving server returns it, with the message's headers. */
    private static MimeMessage bounceOf(MimeMessage original) throws MessagingException, IOException {
        Session session = Session.getInstance(new Properties());
        MimeMessage bounce = new MimeMessage(session);
        bounce.setFrom(new InternetAddress("MAILER-DAEMON@learners.test"));
        bounce.setRecipients(Message.RecipientType.TO, OutsideSystems.HUB_INBOX);
        bounce.setSubject("Undelivered Mail Returned to Sender");
        MimeBodyPart human = new MimeBodyPart();
        human.setText("I'm sorry to have to inform you that your message could not be delivered.", "UTF-8");
        MimeBodyPart status = new MimeBodyPart();
        status.setContent("Reporting-MTA: dns; mx.learners.test\r\n\r\nFinal-Recipient: rfc822; "
                + ((InternetAddress) original.getAllRecipients()[0]).getAddress()
                + "\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 mailbox unknown\r\n",
                "message/delivery-status");
        MimeBodyPart headers = new MimeBodyPart();
        StringBuilder lines = new StringBuilder();
        original.getAllHeaderLines().asIterator().forEachRemaining(line -> lines.append(line).append("\r\n"));
        headers.setContent(lines.toString(), "text/rfc822-headers");
        MimeMultipart report = new MimeMultipart("report; report-type=delivery-status", human, status, headers);
        bounce.setContent(report);
        bounce.saveChanges();
        return bounce;
    }
}
