package io.certbridge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.shared.Environment;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.webhooks.WebhookEndpoints.Endpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import io.certbridge.delivery.DeliveryQueue;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class WebhookEndpointsApiTest extends HubTestBase {

    private static final String PATH = "/v1/webhook-endpoints";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    SecretBox box;

    @Autowired
    WebhookSettings settings;

    @Autowired
    WebhookEndpoints store;

    @Autowired
    DeliveryQueue deliveries;

    /** Every endpoint a test made, deleted afterwards: an environment holds at most 20. */
    private final Map<String, ApiClient> made = new HashMap<>();

    @AfterEach
    void deleteWhatWasMade() {
        made.forEach((id, client) -> client.delete(PATH + "/" + id));
    }

    private String receiver() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    private ApiClient.Response create(ApiClient client, Map<String, Object> body) {
        ApiClient.Response created = client.post(PATH, body);
        if (created.status() == 201) {
            made.put(created.body().get("id").asText(), client);
        }
        return created;
    }

    private JsonNode created(ApiClient client, List<String> events) {
        ApiClient.Response created = create(client, Map.of("url", receiver(), "events", events));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.body();
    }

    private static byte[] secretBytes(JsonNode withSecret) {
        return Base64.getDecoder().decode(withSecret.get("secret").asText().substring("whsec_".length()));
    }

    @Test
    void theSecretIsShownOnceAndKeptOnlySealed() {
        ApiClient.Response response = create(api(), Map.of("url", receiver(),
                "events", List.of("certificate.issued", "certificate.revoked"), "description", "LMS sync"));

        assertThat(response.status()).isEqualTo(201);
        JsonNode created = response.body();
        String id = created.get("id").asText();
        String secret = created.get("secret").asText();
        assertThat(id).startsWith("whep_");
        assertThat(secret).matches("whsec_[A-Za-z0-9+/]{43}=");
        assertThat(secretBytes(created)).hasSize(32);
        assertThat(created.get("object").asText()).isEqualTo("webhook_endpoint");
        assertThat(created.get("url").asText()).isEqualTo(receiver());
        assertThat(created.get("events")).extracting(JsonNode::asText)
                .containsExactly("certificate.issued", "certificate.revoked");
        assertThat(created.get("description").asText()).isEqualTo("LMS sync");
        assertThat(created.get("enabled").asBoolean()).isTrue();
        assertThat(created.get("livemode").asBoolean()).isTrue();
        assertThat(created.get("created_at").asText()).isNotBlank();

        ApiClient.Response one = api().get(PATH + "/" + id);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body().has("secret")).isFalse();
        assertThat(one.raw().body()).doesNotContain(secret.substring(6));
        assertThat(api().get(PATH + "?limit=100").raw().body()).contains(id).doesNotContain(secret.substring(6));

        String stored = jdbc.sql("select secret_ciphertext from webhook_endpoints where id = ?").param(id)
                .query(String.class).single();
        assertThat(stored).startsWith("v1.").doesNotContain(secret.substring(6));
        assertThat(store.signingSecrets(id)).containsExactly(secretBytes(created));
    }

    @Test
    void aReplayedCreationReturnsTheSameEndpointWithoutItsSecret() {
        Map<String, Object> body = Map.of("url", receiver(), "events", List.of("*"));
        Map<String, String> key = Map.of("Idempotency-Key", "endpoint-" + System.nanoTime());
        ApiClient.Response first = api().post(PATH, body, key);
        made.put(first.body().get("id").asText(), api());
        ApiClient.Response replay = api().post(PATH, body, key);

        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.body().get("id").asText()).isEqualTo(first.body().get("id").asText());
        assertThat(replay.body().has("secret")).isFalse();
    }

    @Test
    void theListIsNewestFirstAndPaginated() {
        String oldest = created(api(), List.of("*")).get("id").asText();
        String middle = created(api(), List.of("*")).get("id").asText();
        String newest = created(api(), List.of("*")).get("id").asText();

        JsonNode first = api().get(PATH + "?limit=2").body();
        assertThat(first.get("data")).extracting(n -> n.get("id").asText()).containsExactly(newest, middle);
        assertThat(first.get("has_more").asBoolean()).isTrue();
        assertThat(first.get("next_cursor").asText()).isEqualTo(middle);

        JsonNode second = api().get(PATH + "?limit=2&starting_after=" + middle).body();
        assertThat(second.get("data").get(0).get("id").asText()).isEqualTo(oldest);
        assertThat(api().get(PATH + "?limit=0").status()).isEqualTo(400);
    }

    @Test
    void patchChangesWhatItIsGivenAndReenablingForgetsTheFailure() {
        String id = created(api(), List.of("certificate.issued")).get("id").asText();
        Instant firstFailure = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MICROS);
        store.markFailing(id, firstFailure);
        store.markFailing(id, Instant.now());
        assertThat(store.find(id).orElseThrow().failingSince()).isEqualTo(firstFailure);
        store.disable(id, "The endpoint answered 410 Gone");
        assertThat(api().get(PATH + "/" + id).body().get("disabled_reason").asText()).contains("410");

        ApiClient.Response patched = api().patch(PATH + "/" + id,
                Map.of("enabled", true, "events", List.of("batch.completed", "batch.completed"), "description", "new"));

        assertThat(patched.status()).as(patched.raw().body()).isEqualTo(200);
        assertThat(patched.body().get("enabled").asBoolean()).isTrue();
        assertThat(patched.body().get("disabled_reason").isNull()).isTrue();
        assertThat(patched.body().get("events")).extracting(JsonNode::asText).containsExactly("batch.completed");
        assertThat(patched.body().get("url").asText()).isEqualTo(receiver());
        assertThat(patched.body().get("description").asText()).isEqualTo("new");
        assertThat(patched.body().has("secret")).isFalse();
        Endpoint stored = store.find(id).orElseThrow();
        assertThat(stored.failingSince()).isNull();
        assertThat(stored.updatedAt()).isAfter(stored.createdAt());

        String otherUrl = "http://127.0.0.1:" + port + "/other";
        JsonNode cleared = api().patch(PATH + "/" + id, Map.of("description", "", "url", otherUrl)).body();
        assertThat(cleared.get("description").isNull()).isTrue();
        assertThat(cleared.get("url").asText()).isEqualTo(otherUrl);
        assertThat(cleared.get("events")).extracting(JsonNode::asText).containsExactly("batch.completed");

        store.markFailing(id, firstFailure);
        store.markHealthy(id);
        assertThat(store.find(id).orElseThrow().failingSince()).isNull();
    }

    @Test
    void onlyEnabledEndpointsOfTheEnvironmentThatSubscribedAreSentAnEvent() {
        String all = created(api(), List.of("*")).get("id").asText();
        String batches = created(api(), List.of("batch.completed")).get("id").asText();
        String disabled = created(api(), List.of("batch.completed")).get("id").asText();
        api().patch(PATH + "/" + disabled, Map.of("enabled", false));
        String sandbox = created(keyWith("test", "webhooks:manage"), List.of("*")).get("id").asText();

        assertThat(store.subscribed(Environment.LIVE, "batch.completed")).extracting(Endpoint::id)
                .contains(all, batches).doesNotContain(disabled, sandbox);
        assertThat(store.subscribed(Environment.LIVE, "certificate.issued")).extracting(Endpoint::id)
                .contains(all).doesNotContain(batches, disabled, sandbox);
        assertThat(store.subscribed(Environment.TEST, "certificate.issued")).extracting(Endpoint::id)
                .contains(sandbox).doesNotContain(all);
    }

    @Test
    void aDeletedEndpointIsGoneAndGetsNothingMore() {
        String id = created(api(), List.of("certificate.issued")).get("id").asText();

        assertThat(api().delete(PATH + "/" + id).status()).isEqualTo(204);

        assertThat(api().get(PATH + "/" + id).status()).isEqualTo(404);
        assertThat(api().get(PATH + "?limit=100").raw().body()).doesNotContain(id);
        assertThat(api().delete(PATH + "/" + id).status()).isEqualTo(404);
        assertThat(api().post(PATH + "/" + id + "/rotate-secret", null).status()).isEqualTo(404);
        assertThat(store.subscribed(Environment.LIVE, "certificate.issued")).extracting(Endpoint::id).doesNotContain(id);
        assertThat(store.find(id)).isEmpty();
        assertThat(store.signingSecrets(id)).isEmpty();
        assertThat(jdbc.sql("select secret_ciphertext from webhook_endpoints where id = ?").param(id)
                .query(String.class).optional()).isEmpty();
    }

    @Test
    void aRotatedSecretSignsNextToTheNewOneDuringTheOverlapOnly() {
        JsonNode created = created(api(), List.of("*"));
        String id = created.get("id").asText();

        ApiClient.Response rotated = api().post(PATH + "/" + id + "/rotate-secret", null);

        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.body().get("id").asText()).isEqualTo(id);
        assertThat(rotated.body().get("secret").asText()).startsWith("whsec_")
                .isNotEqualTo(created.get("secret").asText());
        assertThat(api().get(PATH + "/" + id).body().has("secret")).isFalse();
        assertThat(store.signingSecrets(id)).containsExactly(secretBytes(rotated.body()), secretBytes(created));

        Clock afterOverlap = Clock.offset(Clock.systemUTC(), settings.secretOverlap().plusMinutes(1));
        WebhookEndpoints later = new WebhookEndpoints(jdbc, tx, box, settings, deliveries, afterOverlap);
        assertThat(later.signingSecrets(id)).containsExactly(secretBytes(rotated.body()));
    }

    @ParameterizedTest
    @CsvSource({
            "http://10.0.0.1/hook, url_host_not_public",
            "https://169.254.169.254/, url_host_not_public",
            "'https://[::1]/x', url_host_not_public",
            "https://user:pw@example.org/, url_has_credentials",
            "ftp://127.0.0.1/hook, url_not_https"})
    void aUrlTheHubWouldNotCallIsRefusedWhenCreatedAndWhenChanged(String url, String code) {
        ApiClient.Response refused = create(api(), Map.of("url", url, "events", List.of("*")));
        assertRefused(refused, code);

        String id = created(api(), List.of("*")).get("id").asText();
        assertRefused(api().patch(PATH + "/" + id, Map.of("url", url)), code);
        assertThat(api().get(PATH + "/" + id).body().get("url").asText()).isEqualTo(receiver());
    }

    private static void assertRefused(ApiClient.Response refused, String code) {
        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("code").asText()).isEqualTo(code);
        assertThat(refused.body().get("errors").get(0).get("field").asText()).isEqualTo("url");
    }

    @Test
    void invalidFieldsAreNamed() {
        ApiClient.Response badEvent = create(api(), Map.of("url", receiver(),
                "events", List.of("certificate.issued", "certificate.exploded")));
        assertThat(badEvent.status()).isEqualTo(422);
        assertThat(badEvent.body().get("code").asText()).isEqualTo("validation_failed");
        assertThat(badEvent.body().get("errors")).extracting(e -> e.get("field").asText()).containsExactly("events[1]");

        ApiClient.Response nothing = create(api(), Map.of("events", List.of(), "description", "x".repeat(501)));
        assertThat(nothing.status()).isEqualTo(422);
        assertThat(nothing.body().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("url", "events", "description");

        String id = created(api(), List.of("*")).get("id").asText();
        ApiClient.Response badPatch = api().patch(PATH + "/" + id, Map.of("events", List.of("*", "nope")));
        assertThat(badPatch.status()).isEqualTo(422);
        assertThat(badPatch.body().get("errors").get(0).get("field").asText()).isEqualTo("events[1]");
        assertThat(api().patch(PATH + "/" + id, Map.of("secret", "whsec_mine")).body().get("code").asText())
                .isEqualTo("unknown_field");
    }

    @Test
    void aKeySeesOnlyTheEndpointsOfItsEnvironmentAndNeedsTheScope() {
        String live = created(api(), List.of("*")).get("id").asText();
        ApiClient sandbox = keyWith("test", "webhooks:manage");

        assertThat(sandbox.get(PATH + "/" + live).status()).isEqualTo(404);
        assertThat(sandbox.get(PATH + "/" + live).body().get("code").asText()).isEqualTo("resource_not_found");
        assertThat(sandbox.patch(PATH + "/" + live, Map.of("enabled", false)).status()).isEqualTo(404);
        assertThat(sandbox.post(PATH + "/" + live + "/rotate-secret", null).status()).isEqualTo(404);
        assertThat(sandbox.delete(PATH + "/" + live).status()).isEqualTo(404);
        assertThat(sandbox.get(PATH + "?limit=100").raw().body()).doesNotContain(live);
        assertThat(store.find(live).orElseThrow().enabled()).isTrue();

        JsonNode own = created(sandbox, List.of("*"));
        assertThat(own.get("livemode").asBoolean()).isFalse();
        assertThat(api().get(PATH + "/" + own.get("id").asText()).status()).isEqualTo(404);

        ApiClient.Response forbidden = keyWith("live", "certificates:read").get(PATH);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body().get("code").asText()).isEqualTo("insufficient_scope");
    }

    @Test
    void anEnvironmentHoldsAtMostTwentyEndpoints() {
        ApiClient sandbox = keyWith("test", "webhooks:manage");
        int existing = sandbox.get(PATH + "?limit=100").body().get("data").size();
        List<String> ids = new ArrayList<>();
        for (int i = existing; i < WebhookEndpoints.MAX_PER_ENVIRONMENT; i++) {
            ids.add(created(sandbox, List.of("*")).get("id").asText());
        }

        ApiClient.Response refused = create(sandbox, Map.of("url", receiver(), "events", List.of("*")));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("code").asText()).isEqualTo("too_many_endpoints");
        assertThat(created(api(), List.of("*")).get("livemode").asBoolean()).isTrue();

        assertThat(sandbox.delete(PATH + "/" + ids.getFirst()).status()).isEqualTo(204);
        assertThat(create(sandbox, Map.of("url", receiver(), "events", List.of("*"))).status()).isEqualTo(201);
    }
}
