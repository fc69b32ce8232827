package io.certbridge.vcapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.credential.IssuerIdentity;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.NodeCredentialVerifier;
import io.certbridge.support.NodeCredentialVerifier.HttpResult;
import io.certbridge.support.TestResources;
import io.certbridge.support.UnsignedCredentials;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The W3C VC API as DCC's tools call it, over HTTP: a credential signed by the hub verifies with Digital Bazaar's
 * libraries fetching the DID document and status lists from the hub, status changes show in the lists, and bad
 * bodies are refused with nothing issued.
 */
class VcApiTest extends HubTestBase {

    private static final String ISSUE = "/v1/vc/credentials/issue";
    private static final String STATUS = "/v1/vc/credentials/status";
    private static final String VERIFY = "/v1/vc/credentials/verify";

    @Value("${certbridge.public-base-url}")
    private String publicBaseUrl;

    @Autowired
    IssuerIdentity hub;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCredentialIssuedThroughTheVcApiVerifiesIndependentlyAndItsRevocationShowsInTheStatusList() {
        ApiClient.Response issued = keyWith("live", "certificates:write")
                .post(ISSUE, Map.of("credential", UnsignedCredentials.openBadge("Jane Doe"), "options", Map.of()));
        assertThat(issued.status()).as(issued.body().toString()).isEqualTo(201);
        JsonNode credential = issued.body().get("verifiableCredential");
        assertThat(credential.at("/issuer/id").asText()).isEqualTo(hub.did(false));
        assertThat(credential.get("id").asText()).startsWith("urn:uuid:");
        assertThat(credential.at("/proof/0/cryptosuite").asText()).isEqualTo("eddsa-rdfc-2022");
        assertThat(credential.at("/credentialStatus/statusPurpose").asText()).as("one entry, as Open Badges 3.0 allows")
                .isEqualTo("revocation");
        assertThat(verifyOverHttp(credential))
                .isEqualTo(new HttpResult(true, null, Map.of("revocation", false)));

        ApiClient.Response revoked = keyWith("live", "certificates:revoke").post(STATUS, Map.of(
                "credentialId", credential.get("id").asText(),
                "credentialStatus", List.of(Map.of("type", "BitstringStatusListCredential", "status", "revoked"))));
        assertThat(revoked.status()).as(revoked.body().toString()).isEqualTo(200);
        assertThat(revoked.body().get("status").asText()).isEqualTo("revoked");
        assertThat(verifyOverHttp(credential))
                .isEqualTo(new HttpResult(true, null, Map.of("revocation", true)));
        JsonNode verified = anonymous().post(VERIFY, Map.of("verifiableCredential", credential)).body();
        assertThat(verified.get("verified").asBoolean()).isFalse();
        assertThat(verified.get("status").asText()).isEqualTo("revoked");
        assertThat(verified.get("checks").toString()).contains("proof");
    }

    @Test
    void aBareCredentialAsDccSendsItIsSuspendedAndUnsuspendedByItsStatusEntryAndRevocationIsFinal() {
        Map<String, Object> unsigned = UnsignedCredentials.openBadge("Ada Lovelace");
        unsigned.put("issuer", hub.did(false));
        ApiClient.Response issued = keyWith("live", "certificates:write").post(ISSUE, unsigned);
        assertThat(issued.status()).as(issued.body().toString()).isEqualTo(201);
        JsonNode credential = issued.body();
        assertThat(credential.get("issuer").asText()).isEqualTo(hub.did(false));
        String entry = credential.at("/credentialStatus/id").asText();

        ApiClient revoker = keyWith("live", "certificates:revoke");
        assertThat(revoker.post(STATUS, change(entry, "suspended")).body().get("status").asText()).isEqualTo("suspended");
        // the credential names no suspension entry (certbridge.credentials.suspension-entry is off): verifiers that
        // read only its entries do not see the suspension, the hub's own verification does
        assertThat(verifyOverHttp(credential).status()).isEqualTo(Map.of("revocation", false));
        assertThat(anonymous().post(VERIFY, Map.of("verifiableCredential", credential)).body().get("status").asText())
                .isEqualTo("suspended");

        assertThat(revoker.post(STATUS, change(entry, "unsuspended")).body().get("status").asText()).isEqualTo("issued");
        assertThat(anonymous().post(VERIFY, Map.of("verifiableCredential", credential)).body().get("verified").asBoolean())
                .isTrue();

        assertThat(revoker.post(STATUS, change(credential.get("id").asText(), "revoked")).status()).isEqualTo(200);
        ApiClient.Response unsuspend = revoker.post(STATUS, change(entry, "unsuspended"));
        assertThat(unsuspend.status()).isEqualTo(409);
        assertThat(verifyOverHttp(credential).status()).isEqualTo(Map.of("revocation", true));
    }

    @Test
    void bodiesThatAreNotCredentialsTheHubCanSignAreRefusedAndNothingIsIssued() {
        long before = issuedCount();
        ApiClient issuer = keyWith("live", "certificates:write");
        Map<String, Map<String, Object>> bodies = new LinkedHashMap<>();
        bodies.put("not_a_credential", Map.of("hello", "world"));
        bodies.put("issuer_mismatch", with("issuer", Map.of("id", "did:web:university.example", "type", List.of("Profile"))));
        bodies.put("invalid_credential", with("@context", List.of(UnsignedCredentials.CREDENTIALS_V2,
                "https://contexts.example.org/unknown-v1.jsonld")));
        bodies.put("already_signed", with("proof", Map.of("type", "DataIntegrityProof")));
        for (var body : bodies.entrySet()) {
            ApiClient.Response refused = issuer.post(ISSUE, Map.of("credential", body.getValue()));
            assertThat(refused.status()).as(body.getKey() + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().get("code").asText()).isEqualTo(body.getKey());
        }
        ApiClient.Response unknownContext = issuer.post(ISSUE, Map.of("credential", bodies.get("invalid_credential")));
        assertThat(unknownContext.body().get("detail").asText()).contains("unknown-v1.jsonld");
        ApiClient.Response madeUpType = issuer.post(ISSUE, with("type", List.of("VerifiableCredential", "DiplomaOfMagic")));
        assertThat(madeUpType.status()).isEqualTo(400);
        assertThat(madeUpType.body().get("detail").asText()).contains("DiplomaOfMagic");
        ApiClient.Response ownStatus = issuer.post(ISSUE, with("credentialStatus", Map.of("type", "BitstringStatusListEntry")));
        assertThat(ownStatus.status()).isEqualTo(400);

        assertThat(anonymous().post(ISSUE, UnsignedCredentials.openBadge("x")).status()).isEqualTo(401);
        assertThat(keyWith("live", "certificates:read").post(ISSUE, UnsignedCredentials.openBadge("x")).status())
                .isEqualTo(403);
        assertThat(issuedCount()).isEqualTo(before);

        ApiClient revoker = keyWith("live", "certificates:revoke");
        assertThat(revoker.post(STATUS, Map.of("credentialId", "urn:uuid:nobody",
                "credentialStatus", List.of(Map.of("type", "BitstringStatusListCredential", "status", "revoked"))))
                .status()).isEqualTo(404);
        assertThat(revoker.post(STATUS, Map.of("credentialId", "urn:uuid:nobody",
                "credentialStatus", List.of(Map.of("type", "StatusList2021Credential", "status", "revoked"))))
                .status()).isEqualTo(400);
        assertThat(anonymous().post(VERIFY, UnsignedCredentials.openBadge("x")).status()).isEqualTo(400);
    }

    private static Map<String, Object> change(String credentialId, String status) {
        return Map.of("credentialId", credentialId,
                "credentialStatus", List.of(Map.of("type", "BitstringStatusListCredential", "status", status)));
    }

    private static Map<String, Object> with(String key, Object value) {
        Map<String, Object> credential = UnsignedCredentials.openBadge("Jane Doe");
        credential.put(key, value);
        return credential;
    }

    private long issuedCount() {
        return jdbc.sql("select count(*) from vc_api_credentials").query(Long.class).single();
    }

    private HttpResult verifyOverHttp(JsonNode credential) {
        return NodeCredentialVerifier.verifyOverHttp(credential.toString(), TestResources.publicContexts(),
                publicBaseUrl, api().baseUrl());
    }
}
