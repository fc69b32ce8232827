package io.certbridge.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.TestResources;
import io.certbridge.support.NodeCredentialVerifier;
import io.certbridge.support.NodeCredentialVerifier.HttpResult;
import io.certbridge.support.NodeCredentialVerifier.Result;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * A credential the hub issues verifies with Digital Bazaar's Data Integrity implementation (npm),
 * given only the public contexts and the hub's DID document as served at /.well-known/did.json;
 * and with the same libraries fetching the DID document and the status lists from the hub themselves.
 */
class IndependentVerificationTest extends HubTestBase {

    @Value("${certbridge.public-base-url}")
    private String publicBaseUrl;

    @Test
    void anIssuedCredentialVerifiesWithAnIndependentImplementation() {
        JsonNode credential = api().post("/v1/certificates", certificate(courseTemplate(), "grace@example.org"))
                .body().get("credential");

        assertThat(NodeCredentialVerifier.verify(credential.toString(), documents(credential)))
                .isEqualTo(new Result(true, null));
    }

    @Test
    void andATamperedOneDoesNot() {
        JsonNode credential = api().post("/v1/certificates", certificate(courseTemplate(), "grace@example.org"))
                .body().get("credential");
        ObjectNode tampered = CredentialsTest.with((ObjectNode) credential,
                c -> ((ObjectNode) c.at("/credentialSubject/fields")).put("course", "Forgery 101"));

        Result result = NodeCredentialVerifier.verify(tampered.toString(), documents(credential));

        assertThat(result.verified()).isFalse();
        assertThat(result.error()).contains("Invalid signature");
    }

    @Test
    void aVerifierFetchingTheDidDocumentAndStatusListsOverHttpFindsOneCredentialValidAndARevokedOneRevoked() {
        String template = courseTemplate();
        JsonNode valid = api().post("/v1/certificates", certificate(template, "grace@example.org")).body();
        JsonNode revoked = api().post("/v1/certificates", certificate(template, "ada@example.org")).body();
        api().post("/v1/certificates/" + revoked.get("id").asText() + "/revoke", Map.of("reason", "issued in error"));

        assertThat(verifyOverHttp(valid.get("credential")))
                .isEqualTo(new HttpResult(true, null, Map.of("revocation", false)));
        assertThat(verifyOverHttp(revoked.get("credential")))
                .isEqualTo(new HttpResult(true, null, Map.of("revocation", true)));
    }

    private HttpResult verifyOverHttp(JsonNode credential) {
        return NodeCredentialVerifier.verifyOverHttp(credential.toString(), TestResources.publicContexts(),
                publicBaseUrl, api().baseUrl());
    }

    private Map<String, String> documents(JsonNode credential) {
        return TestResources.publicContextsAnd(credential.at("/issuer/id").asText(),
                anonymous().get("/.well-known/did.json").raw().body());
    }
}
