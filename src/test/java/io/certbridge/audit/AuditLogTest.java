package io.certbridge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class AuditLogTest extends HubTestBase {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditLog auditLog;

    /** A key of its own per test, so that filtering by it shows this test's calls only. */
    private record Actor(String id, ApiClient client) {
    }

    private Actor actor(String... scopes) {
        ApiClient.Response created = api().post("/v1/api-keys", Map.of("name", "audited " + UUID.randomUUID(),
                "scopes", List.of(scopes), "environment", "live"));
        assertThat(created.status()).isEqualTo(201);
        return new Actor(created.body().get("id").asText(), api().withKey(created.body().get("key").asText()));
    }

    private List<JsonNode> events(String query) {
        ApiClient.Response listed = api().get("/v1/audit-events?" + query);
        assertThat(listed.status()).as(listed.raw().body()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        listed.body().get("data").forEach(events::add);
        return events;
    }

    @Test
    void createsRevokesAndDeletesAreRecordedWithWhoWhatAndWhereButNoSecret() {
        Actor admin = actor("keys:manage", "webhooks:manage", "certificates:write",
                "certificates:revoke");

        ApiClient.Response key = admin.client().post("/v1/api-keys", Map.of("name", "reporting",
                "scopes", List.of("webhooks:manage"), "environment", "live"));
        String keyId = key.body().get("id").asText();
        ApiClient.Response endpoint = admin.client().post("/v1/webhook-endpoints",
                Map.of("url", "http://127.0.0.1:9/unused", "events", List.of("certificate.revoked")));
        assertThat(endpoint.status()).as(endpoint.raw().body()).isEqualTo(201);
        String endpointId = endpoint.body().get("id").asText();
        String endpointSecret = endpoint.body().get("secret").asText();
        ApiClient.Response issued = admin.client().post("/v1/certificates",
                certificate(courseTemplate(), "ada@example.org"));
        assertThat(issued.status()).as(issued.raw().body()).isIn(200, 201, 202);
        String certificate = issued.body().get("id").asText();
        assertThat(admin.client().post("/v1/certificates/" + certificate + "/revoke", Map.of("reason", "error"))
                .status()).isEqualTo(200);
        assertThat(admin.client().delete("/v1/api-keys/" + keyId).status()).isEqualTo(200);
        assertThat(admin.client().delete("/v1/webhook-endpoints/" + endpointId).status()).isEqualTo(204);

        List<JsonNode> events = events("key_id=" + admin.id() + "&limit=100");
        assertThat(events).extracting(e -> e.get("method").asText() + " " + e.get("path").asText() + " "
                        + e.get("resource_id").asText() + " " + e.get("status").asInt())
                .containsExactly(
                        "DELETE /v1/webhook-endpoints/{id} " + endpointId + " 204",
                        "DELETE /v1/api-keys/{id} " + keyId + " 200",
                        "POST /v1/certificates/{id}/revoke " + certificate + " 200",
                        "POST /v1/certificates " + certificate + " " + issued.status(),
                        "POST /v1/webhook-endpoints " + endpointId + " 201",
                        "POST /v1/api-keys " + keyId + " 201");
        JsonNode created = events.getLast();
        assertThat(created.get("actor").get("type").asText()).isEqualTo("api_key");
        assertThat(created.get("actor").get("id").asText()).isEqualTo(admin.id());
        assertThat(created.get("environment").asText()).isEqualTo("live");
        assertThat(created.get("client_address").asText()).isEqualTo("127.0.0.1");
        assertThat(created.get("object").asText()).isEqualTo("audit_event");
        assertThat(Duration.between(Instant.parse(created.get("occurred_at").asText()), Instant.now()))
                .isLessThan(Duration.ofMinutes(5));

        String everything = api().get("/v1/audit-events?limit=100").raw().body()
                + api().get("/v1/audit-events?key_id=" + admin.id() + "&limit=100").raw().body();
        assertThat(everything).doesNotContain(key.body().get("key").asText()).doesNotContain(endpointSecret)
                .doesNotContain(admin.client().key());
    }

    @Test
    void refusedCallsAreRecordedWithTheKeyWhenThereIsOne() {
        Actor reader = actor("templates:read");
        String unknownPath = "/v1/api-keys/key_" + UUID.randomUUID();

        assertThat(reader.client().post("/v1/api-keys", Map.of("name", "x", "scopes", List.of("templates:read"),
                "environment", "live")).status()).isEqualTo(403);
        assertThat(api().withKey("cb_live_notAKeyAtAll0000000000000").delete(unknownPath).status()).isEqualTo(401);
        assertThat(anonymous().get("/v1/certificates?token=hunter2").status()).isEqualTo(401);

        JsonNode forbidden = events("key_id=" + reader.id()).getFirst();
        assertThat(forbidden.get("status").asInt()).isEqualTo(403);
        assertThat(forbidden.get("problem_code").asText()).isEqualTo("insufficient_scope");
        assertThat(forbidden.get("path").asText()).isEqualTo("/v1/api-keys");

        JsonNode unauthenticated = events("path=" + unknownPath).getFirst();
        assertThat(unauthenticated.get("status").asInt()).isEqualTo(401);
        assertThat(unauthenticated.get("problem_code").asText()).isEqualTo("invalid_api_key");
        assertThat(unauthenticated.get("actor").isNull()).isTrue();
        assertThat(unauthenticated.get("method").asText()).isEqualTo("DELETE");

        assertThat(api().get("/v1/audit-events?status=401&limit=100").raw().body()).doesNotContain("hunter2")
                .doesNotContain("notAKeyAtAll");
    }

    @Test
    void previewsAndDryRunsChangeNothingAndAreNotRecordedButTheirRefusalsAre() {
        Actor designer = actor("templates:manage", "templates:read");
        Map<String, Object> template = Map.of("name", "Previewed", "fields",
                List.of(Map.of("name", "course", "type", "string", "required", true)));

        assertThat(designer.client().postForBytes("/v1/templates/preview", Map.of("template", template))
                .statusCode()).isEqualTo(200);
        assertThat(designer.client().post("/v1/rules/dry-run", Map.of()).status()).isEqualTo(403);
        assertThat(designer.client().post("/v1/templates", template).status()).isEqualTo(201);

        assertThat(events("key_id=" + designer.id())).extracting(e -> e.get("method").asText() + " "
                        + e.get("path").asText() + " " + e.get("status").asInt())
                .containsExactly("POST /v1/templates 201", "POST /v1/rules/dry-run 403");
    }

    @Test
    void filtersAndPagesNewestFirst() {
        Actor admin = actor("keys:manage");
        Instant before = Instant.now().minusSeconds(1);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(admin.client().post("/v1/api-keys", Map.of("name", "paged " + i,
                    "scopes", List.of("keys:manage"), "environment", "live")).body().get("id").asText());
        }
        assertThat(admin.client().delete("/v1/api-keys/key_doesNotExist").status()).isEqualTo(404);

        ApiClient.Response first = api().get("/v1/audit-events?key_id=" + admin.id() + "&method=POST&limit=2");
        assertThat(first.body().get("has_more").asBoolean()).isTrue();
        ApiClient.Response second = api().get("/v1/audit-events?key_id=" + admin.id() + "&method=POST&limit=2"
                + "&starting_after=" + first.body().get("next_cursor").asText());
        assertThat(second.body().get("has_more").asBoolean()).isFalse();
        List<String> paged = new ArrayList<>();
        first.body().get("data").forEach(e -> paged.add(e.get("resource_id").asText()));
        second.body().get("data").forEach(e -> paged.add(e.get("resource_id").asText()));
        assertThat(paged).containsExactly(created.get(2), created.get(1), created.get(0));

        assertThat(events("key_id=" + admin.id() + "&status=404")).singleElement()
                .satisfies(e -> assertThat(e.get("resource_id").asText()).isEqualTo("key_doesNotExist"));
        assertThat(events("resource_id=" + created.get(1))).singleElement()
                .satisfies(e -> assertThat(e.get("path").asText()).isEqualTo("/v1/api-keys"));
        assertThat(events("key_id=" + admin.id() + "&to=" + before)).isEmpty();
        assertThat(events("key_id=" + admin.id() + "&from=" + before + "&method=DELETE")).hasSize(1);
        assertThat(api().get("/v1/audit-events?from=yesterday").status()).isEqualTo(400);
    }

    @Test
    void needsTheScopeAuditRead() {
        ApiClient.Response refused = keyWith("live", "keys:manage").get("/v1/audit-events");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().get("code").asText()).isEqualTo("insufficient_scope");
        assertThat(keyWith("live", "audit:read").get("/v1/audit-events").status()).isEqualTo(200);
    }

    @Test
    void eventsPastTheRetentionArePurged() {
        String old = "aud_old" + UUID.randomUUID().toString().replace("-", "");
        jdbc.sql("""
                        insert into audit_events (id, occurred_at, method, path, status, client_address)
                        values (?, ?, 'POST', '/v1/templates', 201, '127.0.0.1')""")
                .params(old, Timestamp.from(Instant.now().minus(Duration.ofDays(366)))).update();
        Actor recent = actor("keys:manage");

        auditLog.purgeExpired();

        assertThat(jdbc.sql("select count(*) from audit_events where id = ?").param(old).query(Integer.class)
                .single()).isZero();
        assertThat(events("resource_id=" + recent.id())).hasSize(1);
    }
}
