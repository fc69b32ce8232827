package io.certbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Keys with allowed_networks, called from 127.0.0.1 and ::1 with no trusted proxy configured (the default). */
class IpAllowlistTest extends HubTestBase {

    private ApiClient.Response createKey(List<String> networks) {
        return api().post("/v1/api-keys", Map.of("name", "allowlisted " + UUID.randomUUID(),
                "scopes", List.of("certificates:read"), "environment", "live", "allowed_networks", networks));
    }

    private ApiClient keyFrom(ApiClient.Response created) {
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return api().withKey(created.body().get("key").asText());
    }

    @Test
    void aKeyLimitedToAnotherNetworkIsRefusedEvenWithASpoofedForwardedHeader() {
        ApiClient.Response created = createKey(List.of("10.0.0.0/8"));
        ApiClient elsewhere = keyFrom(created);

        ApiClient.Response refused = elsewhere.get("/v1/certificates");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("code").asText()).isEqualTo("ip_not_allowed");

        for (String header : List.of("X-Forwarded-For", "Forwarded")) {
            String value = header.equals("Forwarded") ? "for=10.1.2.3" : "10.1.2.3";
            assertThat(elsewhere.send("GET", "/v1/certificates", null, Map.of(header, value)).status())
                    .as(header).isEqualTo(403);
        }

        JsonNode event = api().get("/v1/audit-events?key_id=" + created.body().get("id").asText()).body()
                .get("data").get(0);
        assertThat(event.get("problem_code").asText()).isEqualTo("ip_not_allowed");
        assertThat(event.get("client_address").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void aKeyLimitedToLoopbackWorksAndShowsItsNetworks() {
        ApiClient.Response created = createKey(List.of("127.0.0.0/8", "::1/128"));
        assertThat(keyFrom(created).get("/v1/certificates").status()).isEqualTo(200);
        assertThat(created.body().get("allowed_networks")).extracting(JsonNode::asText)
                .containsExactly("127.0.0.0/8", "::1/128");

        JsonNode listed = null;
        for (JsonNode key : api().get("/v1/api-keys").body().get("data")) {
            if (key.get("id").asText().equals(created.body().get("id").asText())) {
                listed = key;
            }
        }
        assertThat(listed).isNotNull();
        assertThat(listed.get("allowed_networks")).extracting(JsonNode::asText)
                .containsExactly("127.0.0.0/8", "::1/128");
    }

    @Test
    void anIpv6NetworkAdmitsTheIpv6LoopbackOnly() {
        ApiClient v6only = keyFrom(createKey(List.of("::1/128")));
        assertThat(v6only.get("/v1/certificates").status()).isEqualTo(403);

        ApiClient overIpv6 = new ApiClient("http://[::1]:" + port, v6only.key());
        assertThat(overIpv6.get("/v1/certificates").status()).isEqualTo(200);
    }

    @Test
    void aKeyWithoutNetworksWorksFromAnywhere() {
        ApiClient.Response created = createKey(List.of());
        assertThat(keyFrom(created).get("/v1/certificates").status()).isEqualTo(200);
        assertThat(created.body().get("allowed_networks")).isEmpty();
    }

    @Test
    void networksThatAreNotCidrsAre422WithTheFieldNamed() {
        ApiClient.Response refused = createKey(List.of("10.0.0.0/8", "10.0.0.0/33", "example.org", "fd00::/129"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactly("allowed_networks[1]", "allowed_networks[2]", "allowed_networks[3]");
    }
}
