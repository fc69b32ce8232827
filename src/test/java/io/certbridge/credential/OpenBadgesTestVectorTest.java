package io.certbridge.credential;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The official Open Badges 3.0 eddsa-rdfc-2022 test vector (1EdTech implementation guide). */
class OpenBadgesTestVectorTest {

    private static final byte[] VECTOR_PUBLIC_KEY =
            HexFormat.of().parseHex("4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5");

    private final JsonObject signed = readJson("signed-credential.json");
    private final JsonObject document = Json.createObjectBuilder(signed).remove("proof").build();
    private final JsonObject proof = signed.getJsonObject("proof");

    @Test
    void canonicalFormsAndHashesMatchTheVector() throws Exception {
        JsonObject options = Json.createObjectBuilder(proof).remove("proofValue")
                .add("@context", signed.get("@context")).build();

        assertThat(RdfCanonicalizer.canonicalNQuads(document)).isEqualTo(readText("document-canon.txt"));
        assertThat(RdfCanonicalizer.canonicalNQuads(options)).isEqualTo(readText("proof-canon.txt"));
        byte[] hashData = DataIntegrityProof.hashData(RdfCanonicalizer.canonicalNQuads(options),
                RdfCanonicalizer.canonicalNQuads(document));
        assertThat(HexFormat.of().formatHex(hashData)).isEqualTo(
                "d34009cea0dbc1ca941e09dc01c8c9d3e3ce3c5b853f67ee44698dcea10f5d19"
                        + "87f65a76d40146205e3b3e06cb0fbd153f97f9ce70372390f52566bb7f9e0773");
    }

    @Test
    void theVectorsSignatureVerifiesAndATamperedCopyDoesNot() throws Exception {
        assertThat(Multikey.decodeEd25519("z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi")).isEqualTo(VECTOR_PUBLIC_KEY);
        assertThat(verifies(document)).isTrue();

        JsonObject renamed = Json.createObjectBuilder(document).add("name", "Teamwork Badge (forged)").build();
        assertThat(verifies(renamed)).isFalse();
    }

    private boolean verifies(JsonObject unsigned) throws InvalidCredentialException {
        return DataIntegrityProof.verify(RdfCanonicalizer.canonicalNQuads(unsigned), unsigned.get("@context"), proof,
                VECTOR_PUBLIC_KEY);
    }

    private static JsonObject readJson(String file) {
        try (InputStream in = resource(file)) {
            return Json.createReader(in).readObject();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String readText(String file) {
        try (InputStream in = resource(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static InputStream resource(String file) {
        return OpenBadgesTestVectorTest.class.getResourceAsStream("/ob3-test-vector/" + file);
    }
}
