package io.certbridge.credential;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The quads the hub writes straight from its own credentials and proof options are exactly what
 * JSON-LD processing gives, for values of every kind a user can send; anything else is left to
 * JSON-LD processing.
 */
class CredentialQuadsTest {

    @Test
    void credentialQuadsEqualJsonLdProcessing() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            CredentialClaims claims = HubCredentials.claims(random, i);
            for (JsonObject credential : List.of(HubCredentials.unsigned(claims),
                    HubCredentials.unsignedWithSuspensionEntry(claims))) {
                String direct = RdfCanonicalizer.canonicalNQuads(CredentialQuads.ofCredential(credential).orElseThrow());

                assertThat(direct).as(credential.toString()).isEqualTo(RdfCanonicalizer.canonicalNQuads(credential));
            }
        }
    }

    @Test
    void signedCredentialQuadsEqualJsonLdProcessing() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 40; i++) {
            JsonObject signed = HubCredentials.signed(HubCredentials.claims(random, i));
            JsonObject proof = signed.getJsonObject("proof");
            JsonObject withoutProofId = Json.createObjectBuilder(signed)
                    .add("proof", Json.createObjectBuilder(proof).remove("id")).build();
            JsonObject twoProofs = Json.createObjectBuilder(signed)
                    .add("proof", Json.createArrayBuilder().add(proof).add(withoutProofId.get("proof"))).build();
            JsonObject noProofs = Json.createObjectBuilder(signed).add("proof", Json.createArrayBuilder()).build();

            for (JsonObject credential : List.of(signed, withoutProofId, twoProofs, noProofs)) {
                String direct = RdfCanonicalizer.canonicalNQuads(
                        CredentialQuads.ofCredentialWithProofs(credential).orElseThrow());

                assertThat(direct).as(credential.toString()).isEqualTo(RdfCanonicalizer.canonicalNQuads(credential));
            }
            assertThat(RdfCanonicalizer.canonicalNQuads(signed))
                    .contains("<" + proof.getString("id") + "> <https://w3id.org/security#proofValue> ")
                    .contains("<https://w3id.org/security#proof> _:c14n");
        }
    }

    @Test
    void proofOptionQuadsEqualJsonLdProcessing() throws Exception {
        for (String method : List.of("did:web:certs.example.edu:hub#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi",
                "did:web:localhost%3A8080:sandbox#z6MkrLeniY36WnpAagFkMescts1nviLieihG8ZVcFqpZRNp5")) {
            JsonObject options = DataIntegrityProof.inContext(Json.createObjectBuilder()
                    .add("type", DataIntegrityProof.TYPE)
                    .add("created", XsdDateTime.of(Instant.now()))
                    .add("verificationMethod", method)
                    .add("cryptosuite", DataIntegrityProof.CRYPTOSUITE)
                    .add("proofPurpose", DataIntegrityProof.PURPOSE)
                    .build(), OpenBadgeCredentials.CONTEXT);
            JsonObject withId = Json.createObjectBuilder(options)
                    .add("id", "urn:uuid:0e4c4c6a-8f3a-4a8e-9d8e-6c1c1b7f2a10").build();

            for (JsonObject o : List.of(options, withId)) {
                assertThat(RdfCanonicalizer.canonicalNQuads(CredentialQuads.ofProofOptions(o).orElseThrow()))
                        .isEqualTo(RdfCanonicalizer.canonicalNQuads(o));
            }
            assertThat(RdfCanonicalizer.canonicalNQuads(withId))
                    .startsWith("<urn:uuid:0e4c4c6a-8f3a-4a8e-9d8e-6c1c1b7f2a10> ");
        }
    }

    @Test
    void anyOtherShapeIsLeftToJsonLdProcessing() throws Exception {
        JsonObject credential = HubCredentials.unsigned(HubCredentials.claims(new Random(1), 1));

        assertThat(CredentialQuads.ofCredential(Json.createObjectBuilder(credential).add("extra", "x").build())).isEmpty();
        assertThat(CredentialQuads.ofCredential(Json.createObjectBuilder(credential)
                .add("type", Json.createArrayBuilder().add("VerifiableCredential").add("Unknown")).build())).isEmpty();
        assertThat(CredentialQuads.ofCredential(Json.createObjectBuilder(credential)
                .add("@context", Json.createArrayBuilder().add(JsonLdContexts.CREDENTIALS_V2)).build())).isEmpty();

        JsonObject signed = HubCredentials.signed(HubCredentials.claims(new Random(1), 1));
        JsonObject proof = signed.getJsonObject("proof");
        assertThat(CredentialQuads.ofCredential(signed)).isEmpty();
        assertThat(CredentialQuads.ofCredentialWithProofs(signed)).isPresent();
        for (JsonObject otherProof : List.of(
                Json.createObjectBuilder(proof).add("@context", OpenBadgeCredentials.CONTEXT).build(),
                Json.createObjectBuilder(proof).add("type", "Ed25519Signature2020").build(),
                Json.createObjectBuilder(proof).add("proofPurpose", "authentication").build(),
                Json.createObjectBuilder(proof).add("previousProof", "urn:uuid:x").build(),
                Json.createObjectBuilder(proof).add("id", "relative").build())) {
            assertThat(CredentialQuads.ofCredentialWithProofs(Json.createObjectBuilder(signed)
                    .add("proof", otherProof).build())).as(otherProof.toString()).isEmpty();
        }

        JsonObject options = DataIntegrityProof.inContext(Json.createObjectBuilder()
                .add("type", DataIntegrityProof.TYPE).add("created", "2026-11-22T00:00:00Z")
                .add("verificationMethod", "did:key:z6Mk#z6Mk").add("cryptosuite", DataIntegrityProof.CRYPTOSUITE)
                .add("proofPurpose", DataIntegrityProof.PURPOSE).build(), OpenBadgeCredentials.CONTEXT);
        assertThat(CredentialQuads.ofProofOptions(options)).isPresent();
        assertThat(CredentialQuads.ofProofOptions(Json.createObjectBuilder(options)
                .add("verificationMethod", "relative#key").build())).isEmpty();
        assertThat(CredentialQuads.ofProofOptions(Json.createObjectBuilder(options).remove("created").build())).isEmpty();
        assertThat(CredentialQuads.ofProofOptions(Json.createObjectBuilder(options).add("domain", "x").build())).isEmpty();
        assertThat(CredentialQuads.ofProofOptions(Json.createObjectBuilder(options).add("id", "relative").build())).isEmpty();
    }
}
