package io.certbridge.credential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.support.NodeCredentialVerifier;
import io.certbridge.support.NodeCredentialVerifier.Result;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The independent (Digital Bazaar) verifier accepts the official Open Badges 3.0 vector and rejects a tampered copy. */
class IndependentVerifierVectorTest {

    private static final String ISSUER = "https://example.edu/issuers/565049";
    private static final String PUBLIC_KEY = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";
    private static final String VERIFICATION_METHOD = ISSUER + "#" + PUBLIC_KEY;

    // The vector's issuer is not a DID, so its controller document needs a context defining assertionMethod.
    private static final String CONTROLLER_DOCUMENT = """
            {
              "@context": ["https://w3id.org/security/v2", "https://w3id.org/security/multikey/v1"],
              "id": "%1$s",
              "verificationMethod": [{
                "id": "%2$s",
                "type": "Multikey",
                "controller": "%1$s",
                "publicKeyMultibase": "%3$s"
              }],
              "assertionMethod": ["%2$s"]
            }
            """.formatted(ISSUER, VERIFICATION_METHOD, PUBLIC_KEY);

    private static final Map<String, String> DOCUMENTS = Map.of(
            "https://www.w3.org/ns/credentials/v2", resource("/contexts/credentials-v2.jsonld"),
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", resource("/contexts/ob-v3p0-context-3.0.3.json"),
            ISSUER, CONTROLLER_DOCUMENT);

    private final ObjectMapper json = new ObjectMapper();
    private final String signed = resource("/ob3-test-vector/signed-credential.json");

    @Test
    void theVectorVerifies() {
        assertThat(NodeCredentialVerifier.verify(signed, DOCUMENTS)).isEqualTo(new Result(true, null));
    }

    @Test
    void aTamperedCopyDoesNot() throws IOException {
        ObjectNode tampered = (ObjectNode) json.readTree(signed);
        ((ObjectNode) tampered.at("/credentialSubject/achievement")).put("name", "Teamwork (forged)");

        Result result = NodeCredentialVerifier.verify(json.writeValueAsString(tampered), DOCUMENTS);

        assertThat(result.verified()).isFalse();
        assertThat(result.error()).contains("Invalid signature");
    }

    @Test
    void aKeyTheControllerDoesNotListForAssertionIsRejected() {
        Map<String, String> documents = new HashMap<>(DOCUMENTS);
        documents.put(ISSUER, CONTROLLER_DOCUMENT.replace("\"assertionMethod\": [\"" + VERIFICATION_METHOD + "\"]",
                "\"assertionMethod\": []"));

        Result result = NodeCredentialVerifier.verify(signed, documents);

        assertThat(result.verified()).isFalse();
        assertThat(result.error()).contains("not authorized by controller");
    }

    private static String resource(String path) {
        try (InputStream in = IndependentVerifierVectorTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
