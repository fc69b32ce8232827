package io.certbridge.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubProcess;
import io.certbridge.support.OutsideSystems;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub is killed with SIGKILL while it issues a 2,000-row mail, and started again: every row issues
 * exactly once, one reply is sent, and the same mail delivered again issues nothing more.
 */
class MailSurvivesKillTest {

    private static final int ROWS = 2_000;

    @TempDir
    Path work;

    private final GreenMail mail = OutsideSystems.mail();

    private String[] settings() {
        return OutsideSystems.mailSettings().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .toList().toArray(new String[0]);
    }

    private MimeMessage csvMail(String template, String run) throws MessagingException {
        StringBuilder csv = new StringBuilder("name,email,course\r\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append("Learner ").append(i).append(",kill").append(i).append('.').append(run)
                    .append("@example.org,Resilience\r\n");
        }
        MimeMessage message = new MimeMessage(Session.getInstance(new java.util.Properties()));
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

    private List<MimeMessage> replies(MimeMessage sent) throws MessagingException {
        String id = sent.getMessageID();
        return Arrays.stream(mail.getReceivedMessages()).filter(m -> {
            try {
                return id.equals(m.getHeader("In-Reply-To", null));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static Set<String> allIssued(ApiClient api, String template) {
        Set<String> ids = new HashSet<>();
        String after = null;
        JsonNode page;
        do {
            page = api.get("/v1/certificates?limit=100&template_id=" + template
                    + (after == null ? "" : "&starting_after=" + after)).body();
            page.get("data").forEach(c -> ids.add(c.get("id").asText()));
            after = page.get("next_cursor").asText(null);
        } while (page.get("has_more").asBoolean());
        return ids;
    }

    private static int issued(ApiClient api, String template) {
        return api.get("/v1/certificates?limit=100&template_id=" + template).body().get("data").size();
    }

    @Test
    void aMailInterruptedByKillMinus9IssuesEachRowOnceAndIsAnsweredOnce() throws Exception {
        Path data = work.resolve("data");
        Path log = Path.of("target", "mail-kill-hub.log");
        String run = UUID.randomUUID().toString();
        String template;
        MimeMessage sent;
        try (HubProcess hub = HubProcess.start(data, log, settings())) {
            template = hub.api().post("/v1/templates", Map.of("name", "Kill mail test",
                    "fields", List.of(Map.of("name", "course", "type", "string", "required", true))))
                    .body().get("id").asText();
            sent = csvMail(template, run);
            mail.getUserManager().getUserByEmail(OutsideSystems.HUB_INBOX).deliver(sent);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> issued(hub.api(), template) > 0);
            hub.kill();
        }
        assertThat(replies(sent)).as("killed before the batch was done").isEmpty();

        try (HubProcess hub = HubProcess.start(data, log, settings())) {
            await().atMost(Duration.ofSeconds(120)).until(() -> !replies(sent).isEmpty());
            mail.getUserManager().getUserByEmail(OutsideSystems.HUB_INBOX).deliver(sent);
            Thread.sleep(2_000);

            List<MimeMessage> replies = replies(sent);
            assertThat(replies).hasSize(1);
            MimeMultipart parts = (MimeMultipart) replies.getFirst().getContent();
            String csv = new String(((MimeBodyPart) parts.getBodyPart(1)).getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8);
            List<String> lines = csv.lines().skip(1).toList();
            Set<String> certificates = new HashSet<>();
            lines.forEach(line -> certificates.add(line.split(",")[4]));
            assertThat(lines).hasSize(ROWS).allSatisfy(line -> assertThat(line).contains(",issued,cert_"));
            assertThat(certificates).hasSize(ROWS);
            assertThat(allIssued(hub.api(), template)).as("no row issued twice").isEqualTo(certificates);
        }
    }
}
