package io.certbridge.issuers.vec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.emulator.vec.VecEmulator;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.InboxMail;
import io.certbridge.support.OutsideIssuers;
import io.certbridge.support.OutsideSystems;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Item 7 for VEC.digital: a 500-row CSV sent by e-mail to the hub's issuance inbox, with a template whose issuer is
 * the VEC.digital vault account, goes to VEC.digital in bulk uploads; VEC.digital is out (503) for a while in the
 * middle. Every certificate ends issued with VEC.digital's verified PDF behind its PDF link, and VEC.digital holds
 * every recipient exactly once: nothing lost, nothing doubled.
 */
class VecVaultMailIssuanceTest extends HubTestBase {

    private static final int ROWS = 500;

    private final VecEmulator vec = OutsideIssuers.vec();

    @Test
    void aFiveHundredRowCsvByMailIsIssuedInBulkThroughAnOutageEachRecipientOnceWithVecsPdf() throws Exception {
        vec.sendWebhooksTo("http://127.0.0.1:" + port + "/hooks/issuers/" + OutsideIssuers.VEC,
                OutsideIssuers.VEC_WEBHOOK_SECRET);
        JsonNode template = VecVaultChecks.template(api(), OutsideIssuers.VEC);
        String templateId = template.get("id").asText();
        String title = template.get("name").asText();
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder("name;email;course\r\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append("Learner ").append(i).append(";learner").append(i).append('.').append(run)
                    .append("@example.org;Analytical Engines\r\n");
        }

        int throttledBefore = vec.tooManyRequestsAnswered();

        InboxMail.deliver(OutsideSystems.mail(), issuanceMail(templateId, csv.toString()));

        await().atMost(Duration.ofSeconds(120)).until(() -> uploaded(title) >= 100);
        vec.outage();
        Thread.sleep(3_000);
        vec.restore();

        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(2))
                .until(() -> VecVaultChecks.statuses(api(), templateId), s -> s.equals(Map.of("issued", (long) ROWS)));
        List<JsonNode> issued = VecVaultChecks.certificates(api(), templateId);
        assertThat(issued).hasSize(ROWS);
        issued.forEach(certificate -> VecVaultChecks.issuedOnce(api(), vec, certificate, title));
        assertThat(vec.certificates().stream().filter(c -> c.certificateTitle().equals(title)))
                .hasSize(ROWS)
                .anyMatch(c -> c.triggerContext().equals("bulk_upload"));
        assertThat(vec.tooManyRequestsAnswered()).as("shaped: no 429").isEqualTo(throttledBefore);
    }

    private long uploaded(String title) {
        return vec.certificates().stream().filter(c -> c.certificateTitle().equals(title)).count();
    }

    private static MimeMessage issuanceMail(String templateId, String csv) throws Exception {
        MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()));
        mail.setFrom(new InternetAddress(OutsideSystems.REGISTRAR));
        mail.setRecipients(Message.RecipientType.TO, OutsideSystems.HUB_INBOX);
        mail.setSubject("Issue: " + templateId + " [secret " + OutsideSystems.REGISTRAR_SECRET + "]", "UTF-8");
        MimeBodyPart body = new MimeBodyPart();
        body.setText("Recipients attached.", "UTF-8");
        MimeBodyPart attachment = new MimeBodyPart();
        attachment.setContent(csv, "text/csv; charset=UTF-8");
        attachment.setFileName("graduates.csv");
        mail.setContent(new MimeMultipart(body, attachment));
        mail.saveChanges();
        return mail;
    }
}
