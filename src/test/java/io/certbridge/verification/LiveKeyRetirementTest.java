package io.certbridge.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.credential.SigningKeys;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubProcess;
import io.certbridge.support.SampleCertificates;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's live key is compromised and retired by API, from a moment before the retirement is reported: what it
 * signed before that moment stays valid, what it signed after verifies invalid with the reason, the DID document marks
 * it revoked, and the hub signs nothing more with it: a single issue is refused (503), a batch waits, with nothing
 * failed and nothing lost (the hub is even killed meanwhile), until the hub restarts with a new key and issues it. A
 * hub of its own, because it stops signing.
 */
class LiveKeyRetirementTest {

    @TempDir
    Path work;

    @Test
    void earlierCredentialsStayValidLaterOnesDoNotAndNothingIsSignedUntilANewKey() throws Exception {
        String batch;
        String template;
        String before;
        String oldKey;
        try (HubProcess hub = start()) {
            ApiClient api = hub.api();
            template = template(api);
            JsonNode first = api.post("/v1/certificates", certificate(template, "before@example.org")).body();
            before = first.get("id").asText();
            Thread.sleep(1100);
            Instant compromised = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            JsonNode after = api.post("/v1/certificates", certificate(template, "after@example.org")).body();
            String method = first.at("/credential/proof/0/verificationMethod").asText();
            oldKey = method.substring(method.indexOf('#') + 1);

            ApiClient.Response retired = keysManager(api).post("/v1/signing-keys/" + oldKey + "/retire",
                    Map.of("reason", "the key file was copied off a backup", "retired_at", compromised.toString()));
            assertThat(retired.status()).as(retired.body().toString()).isEqualTo(200);

            JsonNode valid = api.withKey(null).get("/v1/verify/" + before).body();
            assertThat(valid.get("valid").asBoolean()).as(valid.toString()).isTrue();
            assertThat(valid.toString()).contains("issuance record");
            JsonNode invalid = api.withKey(null).get("/v1/verify/" + after.get("id").asText()).body();
            assertThat(invalid.get("valid").asBoolean()).isFalse();
            assertThat(invalid.toString()).contains("the key file was copied off a backup");
            assertThat(didMethod(api, oldKey).get("revoked").asText()).isEqualTo(compromised.toString());

            ApiClient.Response refused = api.post("/v1/certificates", certificate(template, "refused@example.org"));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.body().get("code").asText()).isEqualTo("signing_key_retired");

            List<Object> recipients = IntStream.range(0, 3).mapToObj(i -> (Object) Map.of("name", "Learner " + i,
                    "email", "waiting" + i + "@example.org", "fields", Map.of("course", "Key hygiene"))).toList();
            ApiClient.Response accepted = api.post("/v1/certificates/batch",
                    Map.of("template_id", template, "recipients", recipients));
            assertThat(accepted.status()).isEqualTo(202);
            batch = accepted.body().get("id").asText();
            Thread.sleep(3000);
            JsonNode waiting = api.get("/v1/batches/" + batch).body();
            assertThat(waiting.get("status").asText()).as(waiting.toString()).isNotEqualTo("completed");
            assertThat(waiting.toString()).doesNotContain("issuance_failed");
            // the batch's requests are still in Kafka, uncommitted: a crash now loses none of them
            hub.kill();
        }

        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        try (HubProcess hub = start("certbridge.credentials.signing-key=" + SigningKeys.encodeSecret(seed))) {
            ApiClient api = hub.api();
            JsonNode done = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> api.get("/v1/batches/" + batch).body(), b -> b.get("status").asText().equals("completed"));
            assertThat(done.toString()).doesNotContain("issuance_failed");
            List<JsonNode> certificates = SampleCertificates.ofTemplate(api, template).stream()
                    .filter(c -> c.at("/recipient/email").asText().startsWith("waiting")).toList();
            assertThat(certificates).hasSize(3);
            for (JsonNode certificate : certificates) {
                JsonNode verified = api.withKey(null).get("/v1/verify/" + certificate.get("id").asText()).body();
                assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isTrue();
                assertThat(verified.toString()).doesNotContain(oldKey);
            }
            assertThat(api.withKey(null).get("/v1/verify/" + before).body().get("valid").asBoolean()).isTrue();
            assertThat(didMethod(api, oldKey).has("revoked")).isTrue();
        }
    }

    private HubProcess start(String... properties) {
        return HubProcess.start(work.resolve("data"), Path.of("target", "live-key-retirement-hub.log"), properties);
    }

    private static ApiClient keysManager(ApiClient api) {
        JsonNode created = api.post("/v1/api-keys", Map.of("name", "keys " + UUID.randomUUID(),
                "scopes", List.of("keys:manage"), "environment", "live")).body();
        return api.withKey(created.get("key").asText());
    }

    private static String template(ApiClient api) {
        return api.post("/v1/templates", Map.of("name", "Key hygiene " + UUID.randomUUID(),
                "fields", List.of(Map.of("name", "course", "type", "string", "required", true))))
                .body().get("id").asText();
    }

    private static Map<String, Object> certificate(String template, String email) {
        return Map.of("template_id", template, "recipient", Map.of("name", "Ada Lovelace", "email", email),
                "fields", Map.of("course", "Key hygiene"));
    }

    private static JsonNode didMethod(ApiClient api, String multikey) {
        for (JsonNode method : api.withKey(null).get("/.well-known/did.json").body().get("verificationMethod")) {
            if (method.get("publicKeyMultibase").asText().equals(multikey)) {
                return method;
            }
        }
        throw new AssertionError("no verification method " + multikey);
    }
}
