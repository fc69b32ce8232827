package io.certbridge.credential;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DataIntegrityProofTest {

    @Test
    void theProofHasAnIdThatItsSignatureCovers() throws Exception {
        JsonObject signed = HubCredentials.signed(HubCredentials.claims(new Random(9), 1));
        JsonObject proof = signed.getJsonObject("proof");
        String document = RdfCanonicalizer.canonicalNQuads(Json.createObjectBuilder(signed).remove("proof").build());
        JsonObject otherId = Json.createObjectBuilder(proof).add("id", "urn:uuid:00000000-0000-4000-8000-000000000000").build();

        assertThat(proof.getString("id")).matches("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(DataIntegrityProof.verify(document, signed.get("@context"), proof, HubCredentials.KEY.publicKey())).isTrue();
        assertThat(DataIntegrityProof.verify(document, signed.get("@context"), otherId, HubCredentials.KEY.publicKey()))
                .isFalse();
    }
}
