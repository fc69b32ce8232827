package io.certbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class ApiKeysTest extends HubTestBase {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aNewKeyIsShownOnceAndWorksWithItsScopes() {
        ApiClient.Response created = api().post("/v1/api-keys", Map.of("name", "reporting",
                "scopes", List.of("certificates:read"), "environment", "live"));

        assertThat(created.status()).isEqualTo(201);
        String key = created.body().get("key").asText();
        assertThat(key).startsWith("cb_live_").hasSizeGreaterThan(30);
        assertThat(created.body().get("id").asText()).startsWith("key_");
        assertThat(created.body().get("scopes")).extracting(n -> n.asText()).containsExactly("certificates:read");

        ApiClient.Response listed = api().get("/v1/api-keys");
        assertThat(listed.raw().body()).doesNotContain(key).contains(created.body().get("id").asText());

        ApiClient reporting = api().withKey(key);
        assertThat(reporting.get("/v1/certificates").status()).isEqualTo(200);
        ApiClient.Response forbidden = reporting.post("/v1/templates", Map.of("name", "x"));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body().get("code").asText()).isEqualTo("insufficient_scope");
        assertThat(forbidden.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aSandboxKeyIsMarkedAsSuch() {
        ApiClient.Response created = api().post("/v1/api-keys", Map.of("name", "sandbox",
                "scopes", List.of("certificates:read"), "environment", "test"));

        assertThat(created.body().get("key").asText()).startsWith("cb_test_");
        assertThat(created.body().get("environment").asText()).isEqualTo("test");
    }

    @Test
    void aDeletedKeyStopsWorkingAtOnce() {
        ApiClient.Response created = api().post("/v1/api-keys", Map.of("name", "short-lived",
                "scopes", List.of("certificates:read"), "environment", "live"));
        ApiClient shortLived = api().withKey(created.body().get("key").asText());
        assertThat(shortLived.get("/v1/certificates").status()).isEqualTo(200);

        assertThat(api().delete("/v1/api-keys/" + created.body().get("id").asText()).status()).isEqualTo(200);

        ApiClient.Response refused = shortLived.get("/v1/certificates");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body().get("code").asText()).isEqualTo("invalid_api_key");
        assertThat(api().get("/v1/api-keys").raw().body()).doesNotContain(created.body().get("id").asText());
    }

    @Test
    void aKeyRevokedOnAnotherInstanceStopsWorkingHereWithinASecond() throws InterruptedException {
        ApiClient.Response created = api().post("/v1/api-keys", Map.of("name", "revoked elsewhere",
                "scopes", List.of("certificates:read"), "environment", "live"));
        ApiClient revokedElsewhere = api().withKey(created.body().get("key").asText());
        assertThat(revokedElsewhere.get("/v1/certificates").status()).isEqualTo(200);

        // what DELETE /v1/api-keys/{id} on another instance of the hub does to the shared database
        jdbc.sql("update api_keys set revoked_at = now() where id = ?").param(created.body().get("id").asText())
                .update();
        long revokedAt = System.nanoTime();
        int status = revokedElsewhere.get("/v1/certificates").status();
        while (status == 200 && System.nanoTime() - revokedAt < Duration.ofSeconds(5).toNanos()) {
            Thread.sleep(50);
            status = revokedElsewhere.get("/v1/certificates").status();
        }

        assertThat(status).isEqualTo(401);
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void requestsWithoutAValidKeyAreUnauthorized() {
        ApiClient.Response missing = anonymous().get("/v1/certificates");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.body().get("code").asText()).isEqualTo("missing_api_key");
        assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer");

        ApiClient.Response wrong = api().withKey("cb_live_thisKeyWasNeverIssued000000000").get("/v1/certificates");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body().get("code").asText()).isEqualTo("invalid_api_key");
    }

    @Test
    void aKeyCannotHandOutMoreThanItHolds() {
        ApiClient limited = keyWith("test", "keys:manage", "certificates:read");

        ApiClient.Response moreScopes = limited.post("/v1/api-keys", Map.of("name", "escalate",
                "scopes", List.of("certificates:revoke"), "environment", "test"));
        assertThat(moreScopes.status()).isEqualTo(422);
        assertThat(moreScopes.body().get("errors").get(0).get("field").asText()).isEqualTo("scopes[0]");

        ApiClient.Response live = limited.post("/v1/api-keys", Map.of("name", "escalate",
                "scopes", List.of("certificates:read"), "environment", "live"));
        assertThat(live.status()).isEqualTo(422);
        assertThat(live.body().get("errors").get(0).get("field").asText()).isEqualTo("environment");
    }

    @Test
    void invalidKeyRequestsNameTheirFields() {
        ApiClient.Response invalid = api().post("/v1/api-keys", Map.of("name", "",
                "scopes", List.of("certificates:fly"), "environment", "staging"));

        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body().get("code").asText()).isEqualTo("validation_failed");
        assertThat(invalid.body().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("name", "scopes[0]", "environment");
    }

    @Test
    void aSandboxKeyCannotSeeOrRevokeLiveKeys() {
        ApiClient sandboxAdmin = keyWith("test", "keys:manage");
        String liveId = api().post("/v1/api-keys", Map.of("name", "live one", "scopes", List.of("certificates:read"),
                "environment", "live")).body().get("id").asText();

        assertThat(sandboxAdmin.get("/v1/api-keys").raw().body()).doesNotContain(liveId);
        assertThat(sandboxAdmin.delete("/v1/api-keys/" + liveId).status()).isEqualTo(404);
        assertThat(api().get("/v1/api-keys").raw().body()).contains(liveId);
    }

    @Test
    void aReplayedKeyCreationReturnsTheSameKeyWithoutItsSecret() {
        Map<String, Object> body = Map.of("name", "retried", "scopes", List.of("certificates:read"), "environment", "live");
        Map<String, String> idempotency = Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString());

        ApiClient.Response first = api().post("/v1/api-keys", body, idempotency);
        ApiClient.Response replay = api().post("/v1/api-keys", body, idempotency);

        assertThat(first.body().get("key").asText()).startsWith("cb_live_");
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.body().get("id").asText()).isEqualTo(first.body().get("id").asText());
        assertThat(replay.body().get("key").isNull()).isTrue();
        assertThat(replay.raw().body()).doesNotContain(first.body().get("key").asText());
    }
}
