package io.certbridge.credential;

import static io.certbridge.credential.Jsonp.JSON;

import io.certbridge.shared.Sha256;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Builds and signs each certificate's Open Badges 3.0 credential (a W3C Verifiable Credential 2.0 of
 * type OpenBadgeCredential) with the Data Integrity proof eddsa-rdfc-2022.
 */
@Component
public class OpenBadgeCredentials {

    public static final JsonValue CONTEXT = JSON.createArrayBuilder()
            .add(JsonLdContexts.CREDENTIALS_V2)
            .add(JsonLdContexts.OPEN_BADGES_V3)
            .add(JsonLdContexts.FIELDS_TERM)
            .build();

    /** The context of a renewal's credential: that of every credential, and the term naming the one it replaces. */
    public static final JsonValue RENEWAL_CONTEXT = JSON.createArrayBuilder(CONTEXT.asJsonArray())
            .add(JsonLdContexts.REPLACES_TERM)
            .build();

    private static final SecureRandom RANDOM = new SecureRandom();

    private final IssuerIdentity issuer;
    private final SigningKeys keys;
    private final StatusLists statusLists;
    private final Clock clock;

    public OpenBadgeCredentials(IssuerIdentity issuer, SigningKeys keys, StatusLists statusLists, Clock clock) {
        this.issuer = issuer;
        this.keys = keys;
        this.statusLists = statusLists;
        this.clock = clock;
    }

    public String credentialUrl(String certificateId) {
        return issuer.baseUrl() + "/credentials/" + certificateId;
    }

    /** The signed credential, as JSON text. */
    public String issue(CredentialClaims claims) {
        SigningKey signer = keys.active(claims.sandbox());
        try {
            return withProofSet(DataIntegrityProof.sign(unsigned(claims), signer,
                    issuer.verificationMethod(signer.multikey(), claims.sandbox()), clock.instant())).toString();
        } catch (InvalidCredentialException e) {
            throw new IllegalStateException("the hub built a credential it cannot canonicalize", e);
        }
    }

    /**
     * The signed credential with its proof in an array: 1EdTech's Open Badges 3.0 JSON Schema requires {@code proof}
     * to be an array even of one proof (the VC data model allows either, and JSON-LD reads both alike, so the
     * signature and an anchor's hash are unchanged).
     */
    public static JsonObject withProofSet(JsonObject signed) {
        return JSON.createObjectBuilder(signed).add("proof", JSON.createArrayBuilder().add(signed.get("proof"))).build();
    }

    JsonObject unsigned(CredentialClaims claims) {
        String description = blankTo(claims.achievementDescription(), claims.achievementName());
        String criteria = blankTo(claims.criteria(), "Awarded by " + issuer.name() + ".");
        JsonObjectBuilder credential = JSON.createObjectBuilder()
                .add("@context", claims.replaces() == null ? CONTEXT : RENEWAL_CONTEXT)
                .add("id", credentialUrl(claims.certificateId()))
                .add("type", JSON.createArrayBuilder().add("VerifiableCredential").add("OpenBadgeCredential"))
                .add("issuer", issuer.profile(claims.sandbox()))
                .add("validFrom", XsdDateTime.of(claims.validFrom()))
                .add("name", claims.achievementName())
                .add("credentialSubject", JSON.createObjectBuilder()
                        .add("type", JSON.createArrayBuilder().add("AchievementSubject"))
                        .add("identifier", JSON.createArrayBuilder()
                                .add(hashedEmail(claims.recipientEmail()))
                                .add(JSON.createObjectBuilder()
                                        .add("type", "IdentityObject")
                                        .add("identityType", "name")
                                        .add("hashed", false)
                                        .add("identityHash", claims.recipientName())))
                        .add("achievement", JSON.createObjectBuilder()
                                .add("id", issuer.baseUrl() + "/achievements/" + claims.templateId())
                                .add("type", JSON.createArrayBuilder().add("Achievement"))
                                .add("achievementType", "Certificate")
                                .add("name", claims.achievementName())
                                .add("description", description)
                                .add("criteria", JSON.createObjectBuilder().add("narrative", criteria)))
                        .add("fields", Jsonp.object(claims.fieldsJson())))
                .add("credentialStatus", statusLists.entries(claims.statusIndex()));
        if (claims.validUntil() != null) {
            credential.add("validUntil", XsdDateTime.of(claims.validUntil()));
        }
        if (claims.replaces() != null) {
            credential.add("replaces", claims.replaces());
        }
        if (!claims.evidence().isEmpty()) {
            JsonArrayBuilder evidence = JSON.createArrayBuilder();
            for (CredentialClaims.SourceEvidence source : claims.evidence()) {
                evidence.add(JSON.createObjectBuilder()
                        .add("type", JSON.createArrayBuilder().add("Evidence"))
                        .add("name", source.name())
                        .add("description", source.description())
                        .add("digestSRI", "sha256-" + Base64.getEncoder().encodeToString(
                                HexFormat.of().parseHex(source.sha256Hex()))));
            }
            credential.add("evidence", evidence);
        }
        return credential.build();
    }

    /**
     * The recipient's e-mail as an Open Badges IdentityObject: salted and hashed, so that the
     * credential proves who it belongs to without publishing the address.
     */
    private static JsonObjectBuilder hashedEmail(String email) {
        byte[] saltBytes = new byte[16];
        RANDOM.nextBytes(saltBytes);
        String salt = HexFormat.of().formatHex(saltBytes);
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        String hash = HexFormat.of().formatHex(Sha256.of(normalized + salt));
        return JSON.createObjectBuilder()
                .add("type", "IdentityObject")
                .add("identityType", "emailAddress")
                .add("hashed", true)
                .add("identityHash", "sha256$" + hash)
                .add("salt", salt);
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

}
