package io.certbridge.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certbridge.anchoring.MerkleProof2019;
import io.certbridge.shared.Sha256;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnchoredHashTest {

    @Test
    void isTheHashOfTheCanonicalFormWithTheProof() throws Exception {
        Random random = new Random(3);
        for (int i = 0; i < 10; i++) {
            JsonObject signed = HubCredentials.signed(HubCredentials.claims(random, i));

            assertThat(AnchoredHash.of(signed)).isEqualTo(Sha256.of(RdfCanonicalizer.canonicalNQuads(signed)));
        }
    }

    @Test
    void coversTheSignature() throws Exception {
        JsonObject signed = HubCredentials.signed(HubCredentials.claims(new Random(4), 1));
        JsonObject otherSignature = Json.createObjectBuilder(signed).add("proof", Json.createObjectBuilder(
                signed.getJsonObject("proof")).add("proofValue", "z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk")).build();

        assertThat(AnchoredHash.of(otherSignature)).isNotEqualTo(AnchoredHash.of(signed));
    }

    @Test
    void aCredentialOfAnotherShapeGoesThroughJsonLdProcessing() throws Exception {
        JsonObject signed = HubCredentials.signed(HubCredentials.claims(new Random(5), 1));
        JsonObject other = Json.createObjectBuilder(signed).add("description", "not in the hub's shape").build();

        assertThat(AnchoredHash.of(other)).isEqualTo(Sha256.of(RdfCanonicalizer.canonicalNQuads(other)))
                .isNotEqualTo(AnchoredHash.of(signed));
    }

    @Test
    void theTargetOfAChainedProofIsTheHashOfTheProofsBeforeIt() throws Exception {
        JsonObject signed = HubCredentials.signed(HubCredentials.claims(new Random(6), 1));
        JsonObject anchor = anchorProof("zFirst", signed);
        JsonObject chained = MerkleProof2019.chained(signed, anchor);
        JsonObject second = anchorProof("zSecond", signed);
        JsonObject twice = MerkleProof2019.chained(chained, second);

        assertThat(AnchoredHash.targetOf(chained, anchor)).isEqualTo(AnchoredHash.of(signed));
        assertThat(AnchoredHash.targetOf(twice, anchor)).isEqualTo(AnchoredHash.of(signed));
        assertThat(AnchoredHash.targetOf(twice, second))
                .isEqualTo(Sha256.of(RdfCanonicalizer.canonicalNQuads(chained)));
        assertThatThrownBy(() -> AnchoredHash.targetOf(chained, second))
                .isInstanceOf(InvalidCredentialException.class);
    }

    @Test
    void theTargetOfALoneProofIsTheHashWithoutAnyProof() throws Exception {
        JsonObject signed = HubCredentials.signed(HubCredentials.claims(new Random(8), 1));
        JsonObject unsigned = Json.createObjectBuilder(signed).remove("proof").build();

        assertThat(AnchoredHash.targetOf(signed, signed.getJsonObject("proof")))
                .isEqualTo(Sha256.of(RdfCanonicalizer.canonicalNQuads(unsigned)));
    }

    private static JsonObject anchorProof(String proofValue, JsonObject signed) {
        return MerkleProof2019.proof(proofValue, HubCredentials.ISSUER.did(false) + "#anchoring",
                signed.getJsonObject("proof").getString("id"), Instant.now());
    }
}
