package io.certbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.support.ApiClient;
import io.certbridge.support.HubProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Behind a reverse proxy listed in certbridge.api.trusted-proxies (here the test itself, at 127.0.0.1), the client
 * is the right-most address of X-Forwarded-For (or Forwarded) that is not such a proxy. The hub runs in a JVM of its
 * own, as the setting is read once at start.
 */
class TrustedProxyTest {

    @Test
    void theForwardedAddressDecidesWhenThePeerIsATrustedProxy() throws Exception {
        Path work = Files.createTempDirectory("trusted-proxy");
        try (HubProcess hub = HubProcess.start(work.resolve("data"), work.resolve("hub.log"),
                "certbridge.api.trusted-proxies=127.0.0.1/32")) {
            ApiClient.Response created = hub.api().post("/v1/api-keys", Map.of("name", "office only",
                    "scopes", List.of("certificates:read"), "environment", "live",
                    "allowed_networks", List.of("10.0.0.0/8")));
            ApiClient office = hub.api().withKey(created.body().get("key").asText());

            assertThat(status(office, "X-Forwarded-For", "10.1.2.3")).isEqualTo(200);
            assertThat(status(office, "X-Forwarded-For", "10.9.9.9, 127.0.0.1")).isEqualTo(200);
            assertThat(status(office, "Forwarded", "for=\"10.1.2.3:4711\";proto=https")).isEqualTo(200);
            // the client may write anything left of what the proxy appended: only the right-most address counts
            assertThat(status(office, "X-Forwarded-For", "10.1.2.3, 192.0.2.7")).isEqualTo(403);
            assertThat(status(office, "Forwarded", "for=10.1.2.3, for=\"[2001:db8::7]\"")).isEqualTo(403);
            // the proxy itself, without a header, is not the office
            assertThat(office.get("/v1/certificates").status()).isEqualTo(403);

            var events = hub.api().get("/v1/audit-events?key_id=" + created.body().get("id").asText()).body()
                    .get("data");
            assertThat(events.get(0).get("client_address").asText()).isEqualTo("127.0.0.1");
            assertThat(events.get(1).get("client_address").asText()).isEqualTo("2001:db8:0:0:0:0:0:7");
            assertThat(events.get(2).get("client_address").asText()).isEqualTo("192.0.2.7");
        }
    }

    private static int status(ApiClient client, String header, String value) {
        return client.send("GET", "/v1/certificates", null, Map.of(header, value)).status();
    }
}
