package io.certbridge.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Credentials as a caller of the VC API sends them to be signed: the shape of DCC's issuer-coordinator example. */
public final class UnsignedCredentials {

    public static final String CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2";
    public static final String OPEN_BADGES = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

    private UnsignedCredentials() {
    }

    /** An Open Badges 3.0 credential without issuer, id, dates, status or proof; a mutable map to vary. */
    public static Map<String, Object> openBadge(String learner) {
        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("@context", List.of(CREDENTIALS_V2, OPEN_BADGES));
        credential.put("type", List.of("VerifiableCredential", "OpenBadgeCredential"));
        credential.put("name", "Python programming");
        credential.put("credentialSubject", Map.of(
                "type", List.of("AchievementSubject"),
                "name", learner,
                "achievement", Map.of(
                        "id", "urn:uuid:" + UUID.randomUUID(),
                        "type", List.of("Achievement"),
                        "achievementType", "Certificate",
                        "name", "Python programming",
                        "description", "Wrote and tested programs in Python.",
                        "criteria", Map.of("narrative", "Passed every assignment."))));
        return credential;
    }
}
