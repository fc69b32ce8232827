package io.certbridge.credential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.anchoring.MerkleProof2019;
import io.certbridge.support.NodeCredentialVerifier;
import io.certbridge.support.TestResources;
import io.certbridge.support.NodeCredentialVerifier.Result;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The independent (Digital Bazaar) verifier accepts the official Open Badges 3.0 vector and rejects a
 * tampered copy, and accepts a credential the hub signs (whose proof has an id).
 */
class IndependentVerifierVectorTest {

    private static final String ISSUER = "https://example.edu/issuers/565049";
    private static final String PUBLIC_KEY = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";
    private static final String VERIFICATION_METHOD = ISSUER + "#" + PUBLIC_KEY;

    // The vector's issuer is not a DID, so its controller document needs a context defining assertionMethod;
    // the same document serves the hub's did:web in an offline test.
    private static final String CONTROLLER_TEMPLATE = """
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
            """;
    private static final String CONTROLLER_DOCUMENT = CONTROLLER_TEMPLATE.formatted(ISSUER, VERIFICATION_METHOD, PUBLIC_KEY);

    private static final Map<String, String> DOCUMENTS = TestResources.publicContextsAnd(ISSUER, CONTROLLER_DOCUMENT);

    private final ObjectMapper json = new ObjectMapper();
    private final String signed = TestResources.text("/ob3-test-vector/signed-credential.json");

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

    @Test
    void aHubCredentialWithAProofIdVerifiesAlsoWithAnAnchorProofChainedAfterIt() throws Exception {
        JsonObject signed = HubCredentials.signed(HubCredentials.claims(new Random(2), 2));
        JsonObject proof = signed.getJsonObject("proof");
        String issuer = signed.getJsonObject("issuer").getString("id");
        Map<String, String> documents = TestResources.publicContextsAnd(issuer, CONTROLLER_TEMPLATE.formatted(issuer,
                proof.getString("verificationMethod"), HubCredentials.KEY.multikey()));
        JsonObject chained = MerkleProof2019.chained(signed, MerkleProof2019.proof("zAnchor",
                issuer + "#anchoring", proof.getString("id"), Instant.now()));

        assertThat(proof.getString("id")).startsWith("urn:uuid:");
        assertThat(NodeCredentialVerifier.verify(signed.toString(), documents)).isEqualTo(new Result(true, null));
        assertThat(NodeCredentialVerifier.verify(chained.toString(), documents)).isEqualTo(new Result(true, null));
    }
}
