package io.certbridge.credential;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The quads the hub writes straight from its own credentials and proof options are exactly what
 * JSON-LD processing gives, for values of every kind a user can send; anything else is left to
 * JSON-LD processing.
 */
class CredentialQuadsTest {

    private static final String[] AWKWARD = {"Ada Lovelace", "Zoë \"the\" O'Brien\\", "Line\nbreak\ttab\r",
            "日本語の名前", "emoji 🎓", "  spaced  ", "<b>&amp;</b>", "ﬁ ligature and ÅÄÖ", "x".repeat(500)};

    private final IssuerIdentity issuer = new IssuerIdentity("https://certs.example.edu/hub", "Example University");
    private final OpenBadgeCredentials credentials = new OpenBadgeCredentials(issuer, null,
            new StatusLists(null, issuer, null, Clock.systemUTC()), Clock.systemUTC());

    @Test
    void credentialQuadsEqualJsonLdProcessing() throws Exception {
        Random random = new Random(42);
        for (int i = 0; i < 200; i++) {
            JsonObject credential = credentials.unsigned(claims(random, i));

            String direct = RdfCanonicalizer.canonicalNQuads(CredentialQuads.ofCredential(credential).orElseThrow());

            assertThat(direct).as(credential.toString()).isEqualTo(RdfCanonicalizer.canonicalNQuads(credential));
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

            assertThat(RdfCanonicalizer.canonicalNQuads(CredentialQuads.ofProofOptions(options).orElseThrow()))
                    .isEqualTo(RdfCanonicalizer.canonicalNQuads(options));
        }
    }

    @Test
    void anyOtherShapeIsLeftToJsonLdProcessing() {
        JsonObject credential = credentials.unsigned(claims(new Random(1), 1));

        assertThat(CredentialQuads.ofCredential(Json.createObjectBuilder(credential).add("extra", "x").build())).isEmpty();
        assertThat(CredentialQuads.ofCredential(Json.createObjectBuilder(credential)
                .add("type", Json.createArrayBuilder().add("VerifiableCredential").add("Unknown")).build())).isEmpty();
        assertThat(CredentialQuads.ofCredential(Json.createObjectBuilder(credential)
                .add("@context", Json.createArrayBuilder().add(JsonLdContexts.CREDENTIALS_V2)).build())).isEmpty();

        JsonObject options = DataIntegrityProof.inContext(Json.createObjectBuilder()
                .add("type", DataIntegrityProof.TYPE).add("created", "2026-11-22T00:00:00Z")
                .add("verificationMethod", "did:key:z6Mk#z6Mk").add("cryptosuite", DataIntegrityProof.CRYPTOSUITE)
                .add("proofPurpose", DataIntegrityProof.PURPOSE).build(), OpenBadgeCredentials.CONTEXT);
        assertThat(CredentialQuads.ofProofOptions(options)).isPresent();
        assertThat(CredentialQuads.ofProofOptions(Json.createObjectBuilder(options)
                .add("verificationMethod", "relative#key").build())).isEmpty();
        assertThat(CredentialQuads.ofProofOptions(Json.createObjectBuilder(options).remove("created").build())).isEmpty();
        assertThat(CredentialQuads.ofProofOptions(Json.createObjectBuilder(options).add("domain", "x").build())).isEmpty();
    }

    private static CredentialClaims claims(Random random, int i) {
        String text = AWKWARD[random.nextInt(AWKWARD.length)];
        String fields = Json.createObjectBuilder()
                .add("course", text)
                .add("grade", random.nextInt(2) == 0 ? Json.createValue(97.5) : Json.createValue(i))
                .add("completed_on", "2026-11-" + (10 + random.nextInt(18)))
                .add("ünïcode_" + i, AWKWARD[random.nextInt(AWKWARD.length)])
                .build().toString();
        List<CredentialClaims.SourceEvidence> evidence = new ArrayList<>();
        if (random.nextBoolean()) {
            evidence.add(new CredentialClaims.SourceEvidence("Canvas course_completed event", text,
                    "%064x".formatted(random.nextLong() & Long.MAX_VALUE)));
        }
        Instant issued = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(10_000_000));
        return new CredentialClaims(random.nextBoolean(), "cert_" + i, "tmpl_" + i,
                AWKWARD[random.nextInt(AWKWARD.length)], random.nextBoolean() ? text : "", "Pass " + text,
                AWKWARD[random.nextInt(AWKWARD.length)], "learner" + i + "@example.org", fields, issued,
                random.nextBoolean() ? issued.plusSeconds(86_400L * 365) : null, random.nextInt(1_000_000), evidence);
    }
}
