package io.certbridge.credential;

import io.certbridge.shared.HubSettings;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Credentials in the shape the hub issues, with values of every kind a user can send. */
final class HubCredentials {

    static final IssuerIdentity ISSUER = new IssuerIdentity(new HubSettings(Path.of("target/unused-data-dir"),
            "https://certs.example.edu/hub", new HubSettings.Issuer("Example University"),
            new HubSettings.Credentials(""), new HubSettings.LinkedIn("https://www.linkedin.com/profile/add"), ""));
    static final SigningKey KEY = new SigningKey(new byte[32]);

    private static final String[] AWKWARD = {"Ada Lovelace", "Zoë \"the\" O'Brien\\", "Line\nbreak\ttab\r",
            "日本語の名前", "emoji 🎓", "  spaced  ", "<b>&amp;</b>", "ﬁ ligature and ÅÄÖ", "x".repeat(500)};

    private static final OpenBadgeCredentials CREDENTIALS = credentials(false);
    private static final OpenBadgeCredentials WITH_SUSPENSION_ENTRY = credentials(true);

    private HubCredentials() {
    }

    static JsonObject unsigned(CredentialClaims claims) {
        return CREDENTIALS.unsigned(claims);
    }

    /** As issued with certbridge.credentials.suspension-entry, or before it existed: two status entries. */
    static JsonObject unsignedWithSuspensionEntry(CredentialClaims claims) {
        return WITH_SUSPENSION_ENTRY.unsigned(claims);
    }

    private static OpenBadgeCredentials credentials(boolean suspensionEntry) {
        return new OpenBadgeCredentials(ISSUER, null, new StatusLists(null, ISSUER, null, Clock.systemUTC(),
                new StatusListSettings(Duration.ofMinutes(1), suspensionEntry)), Clock.systemUTC());
    }

    static JsonObject signed(CredentialClaims claims) throws InvalidCredentialException {
        return DataIntegrityProof.sign(unsigned(claims), KEY, ISSUER.verificationMethod(KEY.multikey(), claims.sandbox()),
                Instant.now());
    }

    /** Random claims; about half have a validUntil, about half have evidence. */
    static CredentialClaims claims(Random random, int i) {
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
                random.nextBoolean() ? issued.plusSeconds(86_400L * 365) : null, random.nextInt(1_000_000), evidence, null);
    }
}
