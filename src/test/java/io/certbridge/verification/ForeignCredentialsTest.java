package io.certbridge.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.DidWebHost;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.NodeIssuer;
import io.certbridge.support.NodeIssuer.Issued;
import io.certbridge.support.TestResources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Credentials of other issuers, signed by Digital Bazaar's libraries (npm), verify at POST /v1/verify: Open Badges
 * in Verifiable Credentials 2.0 and 1.1, with eddsa-rdfc-2022, ecdsa-rdfc-2019 and Ed25519Signature2020, by did:key
 * and by a did:web served on 127.0.0.1, with the issuer's Bitstring Status List fetched from there; and what is wrong
 * with one is said.
 */
class ForeignCredentialsTest extends HubTestBase {

    private static final String OB_3_0_2 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json";

    @Test
    void anOpenBadgeOfVc20SignedWithEddsaRdfc2022ByADidKeyIsValid() {
        Issued issued = NodeIssuer.sign(openBadge20(), "eddsa-rdfc-2022", null, null, TestResources.publicContexts());

        JsonNode verified = verify(issued.credential());

        assertValid(verified, "eddsa-rdfc-2022");
        assertThat(verified.at("/issuer/id").asText()).startsWith("did:key:z6Mk");
        assertThat(verified.at("/issuer/name").asText()).isEqualTo("Another Academy");
        assertThat(verified.at("/issuer/this_hub").asBoolean()).isFalse();
    }

    @Test
    void anOpenBadgeOfVc20SignedByADidWebIssuerIsValidWithTheKeyFromItsDidDocument() {
        try (DidWebHost host = new DidWebHost()) {
            Issued issued = NodeIssuer.sign(openBadge20(), "eddsa-rdfc-2022", null, host.did(),
                    TestResources.publicContexts());
            host.serveDidDocument(issued.didDocument().toString());

            JsonNode verified = verify(issued.credential());

            assertValid(verified, "eddsa-rdfc-2022");
            assertThat(check(verified, "issuer_key").get("detail").asText())
                    .isEqualTo(host.did() + "#key-1 is a key of " + host.did());
            assertThat(host.requested()).containsExactly("/.well-known/did.json");
        }
    }

    @Test
    void anOpenBadge302OfVc11SignedWithEd25519Signature2020IsValidUntilItsExpirationDate() {
        ObjectNode credential = openBadge11();
        credential.put("expirationDate", "2020-06-01T00:00:00Z");
        Map<String, String> contexts = Map.of(OB_3_0_2, TestResources.text("/contexts/ob-v3p0-context-3.0.2.json"));
        Issued current = NodeIssuer.sign(openBadge11(), "Ed25519Signature2020", null, null, contexts);
        Issued expired = NodeIssuer.sign(credential, "Ed25519Signature2020", null, null, contexts);

        assertValid(verify(current.credential()), "Ed25519Signature2020");
        assertThat(check(verify(current.credential()), "format").get("detail").asText())
                .startsWith("a Verifiable Credential 1.1 with a Ed25519Signature2020 proof");
        JsonNode verified = verify(expired.credential());
        assertThat(verified.get("status").asText()).isEqualTo("expired");
        assertThat(check(verified, "validity_period").get("detail").asText()).isEqualTo("expired on 2020-06-01T00:00:00Z");
    }

    @Test
    void credentialsSignedWithEcdsaRdfc2019OnP256AndP384AreValid() {
        assertValid(verify(NodeIssuer.sign(openBadge20(), "ecdsa-rdfc-2019", "P-256", null,
                TestResources.publicContexts()).credential()), "ecdsa-rdfc-2019");
        assertValid(verify(NodeIssuer.sign(openBadge20(), "ecdsa-rdfc-2019", "P-384", null,
                TestResources.publicContexts()).credential()), "ecdsa-rdfc-2019");
    }

    @Test
    void aCredentialChangedAfterSigningIsInvalidAndSaysWhy() {
        for (String suite : new String[] {"eddsa-rdfc-2022", "ecdsa-rdfc-2019"}) {
            ObjectNode credential = NodeIssuer.sign(openBadge20(), suite, "P-256", null,
                    TestResources.publicContexts()).credential();
            ((ObjectNode) credential.at("/credentialSubject/achievement")).put("name", "Rocket Science");

            JsonNode verified = verify(credential);

            assertThat(verified.get("status").asText()).isEqualTo("invalid");
            assertThat(check(verified, "proof").get("passed").asBoolean()).isFalse();
            assertThat(check(verified, "proof").get("detail").asText()).contains("changed after signing");
        }
    }

    @Test
    void aCredentialWithAContextNeitherBundledNorAllowedIsRefusedAndNothingIsFetched() {
        try (DidWebHost host = new DidWebHost()) {
            String contextUrl = host.url("/contexts/badges.jsonld");
            String context = "{\"@context\": {\"favouriteColour\": \"https://academy.example/vocab#favouriteColour\"}}";
            host.serve("/contexts/badges.jsonld", context);
            ObjectNode credential = openBadge20();
            credential.withArray("@context").add(contextUrl);
            ((ObjectNode) credential.get("credentialSubject")).put("favouriteColour", "teal");
            Map<String, String> contexts = new HashMap<>(TestResources.publicContexts());
            contexts.put(contextUrl, context);
            Issued issued = NodeIssuer.sign(credential, "eddsa-rdfc-2022", null, host.did(), contexts);
            host.serveDidDocument(issued.didDocument().toString());

            JsonNode verified = verify(issued.credential());

            assertThat(verified.get("status").asText()).isEqualTo("invalid");
            assertThat(check(verified, "format").get("detail").asText())
                    .startsWith("unknown context " + contextUrl + ": it is neither bundled with the hub nor allowed");
            assertThat(host.requested()).isEmpty();
        }
    }

    @Test
    void aDidWebHostThatDoesNotAnswerGivesAClearAnswerWithinSeconds() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> acceptAndSayNothing(silent));
            String did = "did:web:127.0.0.1%3A" + silent.getLocalPort();
            Issued issued = NodeIssuer.sign(openBadge20(), "eddsa-rdfc-2022", null, did, TestResources.publicContexts());

            Instant start = Instant.now();
            JsonNode verified = verify(issued.credential());

            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(6));
            assertThat(verified.get("status").asText()).isEqualTo("invalid");
            assertThat(check(verified, "issuer_key").get("detail").asText())
                    .isEqualTo("the issuer's DID document could not be had: https://127.0.0.1:" + silent.getLocalPort()
                            + "/.well-known/did.json did not answer within 3 s");
        }
    }

    @Test
    void aKeyTheIssuerMarkedRevokedInItsDidDocumentVerifiesNothing() {
        try (DidWebHost host = new DidWebHost()) {
            Issued issued = NodeIssuer.sign(openBadge20(), "eddsa-rdfc-2022", null, host.did(),
                    TestResources.publicContexts());
            ObjectNode didDocument = issued.didDocument().deepCopy();
            ((ObjectNode) didDocument.withArray("verificationMethod").get(0)).put("revoked", "2026-01-01T00:00:00Z");
            host.serveDidDocument(didDocument.toString());

            JsonNode verified = verify(issued.credential());

            assertThat(verified.get("status").asText()).isEqualTo("invalid");
            assertThat(check(verified, "issuer_key").get("detail").asText()).isEqualTo("the issuer revoked the key "
                    + host.did() + "#key-1 on 2026-01-01T00:00:00Z, so no proof made with it is accepted");
        }
    }

    @Test
    void aCredentialTheIssuerRevokedOnItsOwnStatusListIsRevokedAndOneWhoseListCannotBeHadHasAnUnknownStatus() {
        try (DidWebHost host = new DidWebHost()) {
            String list = host.url("/status/1");
            ObjectNode revoked = withStatus(openBadge20(), list, 5);
            ObjectNode kept = withStatus(openBadge20(), list, 6);
            ObjectNode unlisted = withStatus(openBadge20(), host.url("/status/gone"), 5);
            Issued issued = NodeIssuer.sign(revoked, List.of(kept, unlisted, revocationList(list, 5)),
                    "eddsa-rdfc-2022", null, host.did(), TestResources.publicContexts());
            host.serveDidDocument(issued.didDocument().toString());
            host.serve("/status/1", issued.alongside().get(2).toString());

            JsonNode verifiedRevoked = verify(issued.credential());
            assertThat(verifiedRevoked.get("status").asText()).isEqualTo("revoked");
            assertThat(check(verifiedRevoked, "status").get("detail").asText())
                    .isEqualTo("revoked: the issuer's revocation list " + list + " has this credential's bit set");
            assertValid(verify(issued.alongside().get(0)), "eddsa-rdfc-2022");
            JsonNode verifiedUnlisted = verify(issued.alongside().get(1));
            assertThat(verifiedUnlisted.get("status").asText()).isEqualTo("status_unknown");
            assertThat(verifiedUnlisted.get("valid").asBoolean()).isFalse();
            assertThat(check(verifiedUnlisted, "status").get("detail").asText()).isEqualTo("whether it is revoked is "
                    + "unknown: its revocation list could not be had (" + host.url("/status/gone") + " answered HTTP 404)");
        }
    }

    private static ObjectNode withStatus(ObjectNode credential, String list, int index) {
        credential.set("credentialStatus", NodeIssuer.parse("""
                {"id": "%s#%d", "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
                 "statusListIndex": "%d", "statusListCredential": "%s"}""".formatted(list, index, index, list)));
        return credential;
    }

    /** A Bitstring Status List credential of 131,072 entries with the bit at {@code revoked} set, as the spec encodes it. */
    private static ObjectNode revocationList(String url, int revoked) {
        byte[] bits = new byte[16 * 1024];
        bits[revoked / 8] |= (byte) (0x80 >>> (revoked % 8));
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(bits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String encoded = "u" + Base64.getUrlEncoder().withoutPadding().encodeToString(compressed.toByteArray());
        return NodeIssuer.parse("""
                {"@context": ["https://www.w3.org/ns/credentials/v2"], "id": "%s",
                 "type": ["VerifiableCredential", "BitstringStatusListCredential"],
                 "issuer": {"name": "Another Academy"}, "validFrom": "2025-01-01T00:00:00Z",
                 "credentialSubject": {"id": "%s#list", "type": "BitstringStatusList", "statusPurpose": "revocation",
                   "encodedList": "%s"}}""".formatted(url, url, encoded));
    }

    private static void acceptAndSayNothing(ServerSocket server) {
        try {
            while (!server.isClosed()) {
                Socket ignored = server.accept();
                ignored.setSoTimeout(0);
            }
        } catch (IOException closed) {
            // the test is over
        }
    }

    private JsonNode verify(JsonNode credential) {
        ApiClient.Response response = anonymous().post("/v1/verify", credential.toString());
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        return response.body();
    }

    private static void assertValid(JsonNode verified, String suite) {
        assertThat(verified.get("status").asText()).as(verified.toString()).isEqualTo("valid");
        assertThat(verified.get("valid").asBoolean()).isTrue();
        assertThat(check(verified, "proof").get("detail").asText()).contains("(" + suite + ")");
    }

    private static JsonNode check(JsonNode verification, String name) {
        for (JsonNode check : verification.get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + verification);
    }

    /** An Open Badge of another academy, Verifiable Credentials 2.0 and Open Badges 3.0.3. */
    static ObjectNode openBadge20() {
        return NodeIssuer.parse("""
                {"@context": ["https://www.w3.org/ns/credentials/v2",
                              "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
                 "id": "urn:uuid:0b8a3f62-1c7e-4d25-9a51-5f0c2d7e8b41",
                 "type": ["VerifiableCredential", "OpenBadgeCredential"],
                 "issuer": {"type": ["Profile"], "name": "Another Academy", "url": "https://academy.example"},
                 "validFrom": "2025-01-01T00:00:00Z",
                 "name": "Rust Basics",
                 "credentialSubject": {"type": ["AchievementSubject"], "id": "did:example:learner",
                   "achievement": {"id": "https://academy.example/achievements/rust", "type": ["Achievement"],
                     "name": "Rust Basics", "description": "Wrote a program the borrow checker accepted",
                     "criteria": {"narrative": "Pass the final exercise"}}}}
                """);
    }

    /** The same badge as Verifiable Credentials 1.1 and Open Badges 3.0.2 wrote it. */
    private static ObjectNode openBadge11() {
        ObjectNode credential = openBadge20();
        credential.set("@context", NodeIssuer.parse("""
                {"c": ["https://www.w3.org/2018/credentials/v1", "%s",
                       "https://w3id.org/security/suites/ed25519-2020/v1"]}""".formatted(OB_3_0_2)).get("c"));
        credential.set("issuanceDate", credential.remove("validFrom"));
        return credential;
    }
}
