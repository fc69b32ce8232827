package io.certbridge.writeback.moodle;

import static io.certbridge.delivery.Deliveries.claimed;
import static io.certbridge.delivery.Deliveries.retried;
import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.credential.IssuerIdentity;
import io.certbridge.delivery.Delivery;
import io.certbridge.delivery.Outcome;
import io.certbridge.delivery.Result;
import io.certbridge.shared.Environment;
import io.certbridge.shared.HubSettings;
import io.certbridge.writeback.WrittenCertificate;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

/**
 * Moodle's core_user_update_users answers HTTP 200 also for a user it did not update, with a warning naming it
 * (../shared/reference/source-systems.md): that is a refusal in Moodle's words, never retried; Moodle 3.x answers null.
 */
class MoodleRefusalsTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final MoodleProfileFieldConnector connector = new MoodleProfileFieldConnector(null);

    @Test
    void aMoodleWarningNamingTheUserIsARefusalInMoodlesWords() {
        Delivery writeback = claimed(MoodleProfileFieldConnector.NAME, Map.of("user_id", "3", "field", "url"));
        String admin = "{\"warnings\":[{\"item\":\"user\",\"itemid\":3,\"warningcode\":\"usernotupdatedadmin\","
                + "\"message\":\"Cannot update admin accounts\"}]}";

        Outcome refused = answered(writeback, admin);
        assertThat(refused.result()).isEqualTo(Result.REFUSED);
        assertThat(refused.error()).contains("usernotupdatedadmin", "Cannot update admin accounts");
        assertThat(retried(refused)).isFalse();
        assertThat(answered(writeback, "{\"warnings\":[]}").delivered()).isTrue();
        assertThat(answered(writeback, "null").delivered()).as("Moodle 3.x answers null").isTrue();
        assertThat(answered(writeback, admin.replace("\"itemid\":3", "\"itemid\":33")).delivered()).isTrue();
        assertThat(answered(writeback, "<html>proxy error</html>").result()).isEqualTo(Result.REFUSED);
    }

    @Test
    void aRevokedCertificateEmptiesTheProfileField() {
        var certificate = new WrittenCertificate(new IssuerIdentity(new HubSettings(Path.of("target/unused-data-dir"),
                "https://hub.example", new HubSettings.Issuer("Hub"), new HubSettings.Credentials(""),
                new HubSettings.LinkedIn("https://www.linkedin.com/profile/add"), "")));
        var revoked = new Delivery("wb_1", MoodleProfileFieldConnector.NAME, Environment.LIVE,
                "cert_1", null, Map.of("user_id", "3", "field", "certurl"), null, 1, 1, "revoked",
                Instant.now(), null);
        Exchange exchange = new DefaultExchange(camel);
        new MoodleProfileFieldConnector(certificate).prepare(revoked, exchange);
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("users[0][id]=3"
                + "&users[0][customfields][0][type]=certurl&users[0][customfields][0][value]=");
    }

    private Outcome answered(Delivery writeback, String answer) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(answer);
        return connector.answered(writeback, exchange);
    }
}
