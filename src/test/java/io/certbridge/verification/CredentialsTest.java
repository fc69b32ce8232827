package io.certbridge.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.support.AsIssued;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.StatusListBits;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Every certificate carries a signed Open Badges 3.0 credential that anyone can verify. */
class CredentialsTest extends HubTestBase {

    @Test
    void aCertificateCarriesASignedOpenBadgeCredential() throws Exception {
        String template = courseTemplate();
        ApiClient.Response created = api().post("/v1/certificates", certificate(template, "Ada@Example.org"));
        JsonNode credential = created.body().get("credential");

        assertThat(texts(credential.get("@context"))).startsWith("https://www.w3.org/ns/credentials/v2",
                "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
        assertThat(texts(credential.get("type"))).containsExactly("VerifiableCredential", "OpenBadgeCredential");
        assertThat(credential.at("/issuer/id").asText()).startsWith("did:web:");
        assertThat(credential.at("/credentialSubject/achievement/name").asText()).startsWith("Course completion");
        assertThat(credential.at("/credentialSubject/achievement/criteria/narrative").asText()).isEqualTo("Pass every module");
        assertThat(credential.at("/credentialSubject/fields/course").asText()).isEqualTo("Analytical Engines");
        assertThat(credential.at("/credentialSubject/fields/grade").decimalValue()).isEqualByComparingTo("97.5");
        assertThat(credential.get("validFrom").asText()).isEqualTo(
                Instant.parse(created.body().get("issued_at").asText()).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        assertThat(credential.at("/proof/0/cryptosuite").asText()).isEqualTo("eddsa-rdfc-2022");
        assertThat(credential.at("/proof/0/verificationMethod").asText()).startsWith(credential.at("/issuer/id").asText() + "#z6Mk");

        JsonNode email = credential.at("/credentialSubject/identifier/0");
        assertThat(email.get("identityType").asText()).isEqualTo("emailAddress");
        assertThat(email.get("hashed").asBoolean()).isTrue();
        assertThat(credential.toString()).doesNotContain("Ada@Example.org").doesNotContainIgnoringCase("ada@example.org");
        String expectedHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(("ada@example.org" + email.get("salt").asText()).getBytes()));
        assertThat(email.get("identityHash").asText()).isEqualTo("sha256$" + expectedHash);

        JsonNode status = credential.get("credentialStatus");
        assertThat(status.isObject()).as("one entry, as Open Badges 3.0 allows: " + status).isTrue();
        assertThat(status.get("type").asText() + ":" + status.get("statusPurpose").asText())
                .isEqualTo("BitstringStatusListEntry:revocation");

        JsonNode fetched = api().get("/v1/certificates/" + created.body().get("id").asText()).body();
        assertThat(AsIssued.credential(fetched.get("credential"))).isEqualTo(credential);
    }

    @Test
    void anyoneCanVerifyACertificateByIdOrByItsCredential() {
        JsonNode created = issue();
        String id = created.get("id").asText();

        ApiClient.Response byId = anonymous().get("/v1/verify/" + id);
        ApiClient.Response byCredential = anonymous().post("/v1/verify", created.get("credential"));

        for (ApiClient.Response verified : List.of(byId, byCredential)) {
            assertThat(verified.status()).isEqualTo(200);
            assertThat(verified.body().get("valid").asBoolean()).isTrue();
            assertThat(verified.body().get("status").asText()).isEqualTo("valid");
            assertThat(checks(verified.body())).containsExactly(
                    "format:true", "issuer_key:true", "proof:true", "status:true", "validity_period:true");
            assertThat(verified.body().at("/issuer/this_hub").asBoolean()).isTrue();
            assertThat(verified.body().at("/credential/id").asText()).endsWith("/credentials/" + id);
        }
        assertThat(anonymous().get("/v1/verify/cert_unknown").status()).isEqualTo(404);
    }

    @Test
    void aTamperedCredentialIsInvalidWithTheFailingCheckNamed() {
        ObjectNode credential = (ObjectNode) issue().get("credential");

        assertFails(with(credential, c -> ((ObjectNode) c.at("/credentialSubject/achievement")).put("name", "Rocket Science")), "proof");
        assertFails(with(credential, c -> c.put("validFrom", "2020-01-01T00:00:00Z")), "proof");
        assertFails(with(credential, c -> ((ObjectNode) c.at("/credentialSubject/fields")).put("grade", 100)), "proof");
        assertFails(with(credential, c -> ((ObjectNode) c.at("/credentialSubject/identifier/1")).put("identityHash", "Mallory")), "proof");
        assertFails(with(credential, c -> ((ObjectNode) c.at("/proof/0")).put("proofValue", "z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKiy6mJLfJ4Gj2GBS")), "proof");
        assertFails(with(credential, c -> ((ObjectNode) c.at("/proof/0")).put("proofValue", "not base58 at all!")), "proof");
        assertFails(with(credential, c -> c.remove("proof")), "format");
        assertFails(with(credential, c -> c.put("fingerprint", "added after signing")), "format");
        assertFails(with(credential, c -> c.withArray("@context").add("https://evil.example/context.jsonld")), "format");
        assertFails(with(credential, c -> ((ObjectNode) c.at("/proof/0")).put("verificationMethod",
                c.at("/issuer/id").asText() + "#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi")), "issuer_key");
        assertFails(with(credential, c -> ((ObjectNode) c.get("issuer")).put("id", "did:web:elsewhere.example")), "issuer_key");

        ApiClient.Response unknownContext = anonymous().post("/v1/verify",
                with(credential, c -> c.withArray("@context").add("https://evil.example/context.jsonld")));
        assertThat(failing(unknownContext.body()).get("detail").asText()).contains("nothing is fetched");
    }

    @Test
    void aBodyThatIsNotACredentialIsABadRequest() {
        for (Object body : List.of(Map.of("hello", "world"), List.of(1, 2), "\"just a string\"")) {
            ApiClient.Response response = anonymous().post("/v1/verify", body);
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.body().get("code").asText()).isEqualTo("not_a_credential");
        }
        ApiClient.Response garbage = anonymous().send("POST", "/v1/verify", "{\"@context\": [", Map.of());
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.body().get("code").asText()).isEqualTo("malformed_json");
    }

    @Test
    void revocationAndSuspensionShowInVerificationThroughTheStatusLists() {
        JsonNode created = issue();
        String id = created.get("id").asText();

        api().patch("/v1/certificates/" + id, Map.of("status", "suspended"));
        JsonNode suspended = anonymous().post("/v1/verify", created.get("credential")).body();
        assertThat(suspended.get("status").asText()).isEqualTo("suspended");
        assertThat(suspended.get("valid").asBoolean()).isFalse();
        assertThat(failing(suspended).get("name").asText()).isEqualTo("status");

        api().patch("/v1/certificates/" + id, Map.of("status", "issued"));
        assertThat(anonymous().get("/v1/verify/" + id).body().get("status").asText()).isEqualTo("valid");

        api().post("/v1/certificates/" + id + "/revoke", Map.of("reason", "issued in error"));
        JsonNode revoked = anonymous().get("/v1/verify/" + id).body();
        assertThat(revoked.get("status").asText()).isEqualTo("revoked");
        assertThat(revoked.get("valid").asBoolean()).isFalse();

        JsonNode entry = created.at("/credential/credentialStatus");
        String listPath = entry.get("statusListCredential").asText().replaceFirst("^https?://[^/]+", "");
        ApiClient.Response list = anonymous().get(listPath);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().at("/credentialSubject/statusPurpose").asText()).isEqualTo("revocation");
        assertThat(StatusListBits.isSet(list.body().at("/credentialSubject/encodedList").asText(),
                entry.get("statusListIndex").asInt())).isTrue();
        JsonNode listVerified = anonymous().post("/v1/verify", list.body()).body();
        assertThat(checks(listVerified)).contains("proof:true");
    }

    @Test
    void anExpiredCertificateVerifiesAsExpired() throws InterruptedException {
        Map<String, Object> request = new java.util.HashMap<>(certificate(courseTemplate(), "late@example.org"));
        Instant expiry = Instant.now().plusSeconds(2);
        request.put("expires_at", expiry.toString());
        JsonNode created = api().post("/v1/certificates", request).body();
        assertThat(created.at("/credential/validUntil").asText()).isNotEmpty();

        Thread.sleep(java.time.Duration.between(Instant.now(), expiry).toMillis() + 1100);

        JsonNode verified = anonymous().get("/v1/verify/" + created.get("id").asText()).body();
        assertThat(verified.get("status").asText()).isEqualTo("expired");
        assertThat(failing(verified).get("name").asText()).isEqualTo("validity_period");
    }

    @Test
    void theDidDocumentListsTheSigningKeyForAssertions() {
        JsonNode credential = issue().get("credential");
        JsonNode did = anonymous().get("/.well-known/did.json").body();

        assertThat(did.get("id").asText()).isEqualTo(credential.at("/issuer/id").asText());
        String method = credential.at("/proof/0/verificationMethod").asText();
        assertThat(texts(did.get("assertionMethod"))).contains(method);
        JsonNode key = StreamSupport.stream(did.get("verificationMethod").spliterator(), false)
                .filter(m -> m.get("id").asText().equals(method)).findFirst().orElseThrow();
        assertThat(key.get("type").asText()).isEqualTo("Multikey");
        assertThat(method).endsWith("#" + key.get("publicKeyMultibase").asText());
    }

    private JsonNode issue() {
        ApiClient.Response created = api().post("/v1/certificates", certificate(courseTemplate(), "ada@example.org"));
        assertThat(created.status()).isEqualTo(201);
        return created.body();
    }

    private void assertFails(ObjectNode tampered, String check) {
        ApiClient.Response response = anonymous().post("/v1/verify", tampered);
        assertThat(response.status()).as(tampered.toString()).isEqualTo(200);
        assertThat(response.body().get("valid").asBoolean()).as(response.body().toString()).isFalse();
        assertThat(response.body().get("status").asText()).isEqualTo("invalid");
        assertThat(failing(response.body()).get("name").asText()).as(response.body().toString()).isEqualTo(check);
    }

    static ObjectNode with(ObjectNode credential, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode copy = credential.deepCopy();
        change.accept(copy);
        return copy;
    }

    static JsonNode failing(JsonNode verification) {
        return StreamSupport.stream(verification.get("checks").spliterator(), false)
                .filter(c -> !c.get("passed").asBoolean()).findFirst().orElseThrow();
    }

    static List<String> checks(JsonNode verification) {
        return StreamSupport.stream(verification.get("checks").spliterator(), false)
                .map(c -> c.get("name").asText() + ":" + c.get("passed").asBoolean()).toList();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
