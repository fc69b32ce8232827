package io.certbridge.verification;

import static io.certbridge.verification.CredentialsTest.failing;
import static io.certbridge.verification.CredentialsTest.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a forger or an abuser of the public verification endpoints would try, and what they get. */
class VerificationAttacksTest extends HubTestBase {

    private static final String VC = "https://www.w3.org/2018/credentials#";

    @Test
    void respellingTheJsonCannotHideARevocationOrAnExpiry() throws InterruptedException {
        Map<String, Object> request = new HashMap<>(certificate(courseTemplate(), "ada@example.org"));
        Instant expiry = Instant.now().plusSeconds(2);
        request.put("expires_at", expiry.toString());
        JsonNode created = api().post("/v1/certificates", request).body();
        ObjectNode credential = (ObjectNode) created.get("credential");
        api().post("/v1/certificates/" + created.get("id").asText() + "/revoke", Map.of("reason", "fraud"));

        ObjectNode typeAsArray = with(credential, c -> c.get("credentialStatus").forEach(entry ->
                ((ObjectNode) entry).putArray("type").add("BitstringStatusListEntry")));
        ObjectNode statusUnderItsIri = with(credential, c -> c.set(VC + "credentialStatus", c.remove("credentialStatus")));
        assertThat(verify(typeAsArray).get("status").asText()).isEqualTo("revoked");
        assertThat(verify(statusUnderItsIri).get("status").asText()).isEqualTo("revoked");

        Thread.sleep(Duration.between(Instant.now(), expiry).toMillis() + 1100);
        ObjectNode untilUnderItsIri = with(statusUnderItsIri, c -> {
            ObjectNode value = c.putObject(VC + "validUntil");
            value.put("@value", c.remove("validUntil").asText());
            value.put("@type", "http://www.w3.org/2001/XMLSchema#dateTime");
        });
        JsonNode verified = verify(untilUnderItsIri);
        assertThat(verified.get("valid").asBoolean()).isFalse();
        assertThat(verified.get("status").asText()).isIn("revoked", "expired");
    }

    @Test
    void contentNoProofCoversIsRefused() {
        ObjectNode credential = (ObjectNode) issue().get("credential");

        assertFormatFails(with(credential, c -> {
            c.withArray("@context").addObject().putNull("@vocab");
            c.put("unsigned", "added after signing");
        }));
        assertFormatFails(with(credential, c -> {
            c.withArray("@context").addObject().putNull("note");
            c.put("note", "added after signing");
        }));
        assertFormatFails(with(credential, c -> ((ObjectNode) c.get("credentialSubject")).put("@note", "unsigned")));
        assertFormatFails(with(credential, c -> ((ObjectNode) c.get("credentialSubject"))
                .putObject("@context").putNull("fields")));
    }

    @Test
    void aSandboxCredentialHasTheSandboxIssuerAndCannotPassForALiveOne() {
        ApiClient sandbox = keyWith("test", "certificates:write", "templates:manage");
        JsonNode created = sandbox.post("/v1/certificates", certificate(courseTemplate(), "test@example.org")).body();
        ObjectNode credential = (ObjectNode) created.get("credential");
        String sandboxIssuer = credential.at("/issuer/id").asText();

        assertThat(sandboxIssuer).endsWith(":sandbox");
        JsonNode verified = verify(credential);
        assertThat(verified.get("valid").asBoolean()).isTrue();
        assertThat(verified.at("/issuer/sandbox").asBoolean()).isTrue();
        assertThat(anonymous().get("/sandbox/did.json").body().get("id").asText()).isEqualTo(sandboxIssuer);

        String liveIssuer = sandboxIssuer.substring(0, sandboxIssuer.length() - ":sandbox".length());
        String method = credential.at("/proof/0/verificationMethod").asText();
        ObjectNode passedOffAsLive = with(credential, c -> {
            ((ObjectNode) c.get("issuer")).put("id", liveIssuer);
            ((ObjectNode) c.at("/proof/0")).put("verificationMethod", liveIssuer + method.substring(method.indexOf('#')));
        });
        assertThat(failing(verify(passedOffAsLive)).get("name").asText()).isEqualTo("issuer_key");
    }

    @Test
    void aCredentialTooComplexToCanonicalizeIsRefusedQuickly() {
        ObjectNode credential = (ObjectNode) issue().get("credential");
        ObjectNode clique = with(credential, c -> {
            ArrayNode nodes = ((ObjectNode) c.get("credentialSubject")).putArray("https://example.org/knows");
            for (int i = 0; i < 10; i++) {
                ObjectNode node = nodes.addObject().put("@id", "_:n" + i);
                ArrayNode links = node.putArray("https://example.org/knows");
                for (int j = 0; j < 10; j++) {
                    if (j != i) {
                        links.addObject().put("@id", "_:n" + j);
                    }
                }
            }
        });

        long start = System.nanoTime();
        JsonNode verified = verify(clique);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(failing(verified).get("name").asText()).isEqualTo("format");
        assertThat(failing(verified).get("detail").asText()).contains("too complex");

        ObjectNode manyIdentifiers = with(credential, c -> {
            ArrayNode identifiers = (ArrayNode) c.at("/credentialSubject/identifier");
            JsonNode first = identifiers.get(0);
            for (int i = 0; i < 500; i++) {
                identifiers.add(first.deepCopy());
            }
        });
        start = System.nanoTime();
        JsonNode repeated = verify(manyIdentifiers);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(repeated.get("valid").asBoolean()).isFalse();
    }

    @Test
    void badBodiesAreBadRequestsNeverServerErrors() {
        ObjectNode deep = ApiClient.json().createObjectNode();
        ObjectNode credential = deep.putArray("@context").addObject();
        deep.put("type", "VerifiableCredential");
        for (int i = 0; i < 50; i++) {
            credential = credential.putObject("nested");
        }
        Map<String, Object> bodies = new java.util.LinkedHashMap<>();
        bodies.put("{\"@context\": [], \"type\": \"VerifiableCredential\"} trailing", "malformed_json");
        bodies.put("{\"@context\": 5, \"type\": 1}", "not_a_credential");
        bodies.put("{\"@context\": [], \"type\": \"VerifiableCredential\", \"name\": \"\\ud800\"}", "not_a_credential");
        bodies.put(deep.toString(), "not_a_credential");
        bodies.forEach((body, code) -> {
            ApiClient.Response response = anonymous().send("POST", "/v1/verify", body, Map.of());
            assertThat(response.status()).as(body.toString()).isEqualTo(400);
            assertThat(response.body().get("code").asText()).isEqualTo(code);
        });
        ObjectNode hugeNumber = with((ObjectNode) issue().get("credential"),
                c -> ((ObjectNode) c.get("credentialSubject")).put("https://example.org/n", new java.math.BigDecimal("1e-999999999")));
        assertThat(anonymous().post("/v1/verify", hugeNumber).status()).isEqualTo(200);

        assertThat(anonymous().get("/status/revocation/9223372036854775807").status()).isEqualTo(404);
        assertThat(anonymous().get("/status/revocation/99999").status()).isEqualTo(404);
        assertThat(anonymous().get("/status/revocation/abc").status()).isEqualTo(400);
        assertThat(anonymous().get("/status/elsewhere/0").status()).isEqualTo(404);
    }

    @Test
    void theLinkedInLinkCarriesAnyAchievementName() {
        String template = api().post("/v1/templates", Map.of("name", "C++ & {Rust} + 100% Go", "fields", List.of()))
                .body().get("id").asText();
        String id = api().post("/v1/certificates", Map.of("template_id", template,
                "recipient", Map.of("name", "Ada", "email", "ada@example.org"))).body().get("id").asText();

        ApiClient.Response redirect = anonymous().get("/verify/" + id + "/linkedin");

        assertThat(redirect.status()).isEqualTo(302);
        var query = org.springframework.web.util.UriComponentsBuilder.fromUriString(redirect.header("Location"))
                .build().getQueryParams();
        assertThat(java.net.URLDecoder.decode(query.getFirst("name"), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("C++ & {Rust} + 100% Go");
    }

    private JsonNode issue() {
        return api().post("/v1/certificates", certificate(courseTemplate(), "ada@example.org")).body();
    }

    private JsonNode verify(ObjectNode credential) {
        ApiClient.Response response = anonymous().post("/v1/verify", credential);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.body();
    }

    private void assertFormatFails(ObjectNode credential) {
        JsonNode verified = verify(credential);
        assertThat(verified.get("valid").asBoolean()).as(verified.toString()).isFalse();
        assertThat(failing(verified).get("name").asText()).as(verified.toString()).isEqualTo("format");
    }
}
