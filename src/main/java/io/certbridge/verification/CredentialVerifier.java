package io.certbridge.verification;

import static io.certbridge.credential.Jsonp.JSON;

import io.certbridge.credential.DataIntegrityProof;
import io.certbridge.credential.InvalidCredentialException;
import io.certbridge.credential.IssuerIdentity;
import io.certbridge.credential.JsonLdContexts;
import io.certbridge.credential.Multikey;
import io.certbridge.credential.RdfCanonicalizer;
import io.certbridge.credential.SigningKeys;
import io.certbridge.credential.StatusLists;
import io.certbridge.credential.StatusPurpose;
import io.certbridge.verification.Verification.Check;
import io.certbridge.verification.Verification.Issuer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Verifies any credential from its own bytes: the format, the issuer's key, the Data Integrity proof
 * (recomputed from the document, never taken from the database), the status lists and the validity
 * dates. Checks run in that order and stop at the first that makes the rest meaningless.
 */
@Component
public class CredentialVerifier {

    private static final Pattern UNMAPPED_TERM = Pattern.compile("<" + Pattern.quote(JsonLdContexts.UNMAPPED) + "([^>]*)>");

    private final IssuerIdentity hub;
    private final SigningKeys keys;
    private final StatusLists statusLists;
    private final Clock clock;

    public CredentialVerifier(IssuerIdentity hub, SigningKeys keys, StatusLists statusLists, Clock clock) {
        this.hub = hub;
        this.keys = keys;
        this.statusLists = statusLists;
        this.clock = clock;
    }

    public Verification verify(JsonObject credential) {
        List<Check> checks = new ArrayList<>();
        Issuer issuer = issuer(credential);
        String text = credential.toString();

        Optional<String> malformed = Format.problem(credential);
        JsonObject proof = Format.proof(credential);
        String canonical = null;
        if (malformed.isEmpty()) {
            try {
                canonical = RdfCanonicalizer.canonicalNQuads(withUnmappedVocabulary(credential));
                malformed = unmapped(canonical);
            } catch (InvalidCredentialException e) {
                malformed = Optional.of(e.getMessage());
            }
        }
        if (malformed.isPresent()) {
            checks.add(new Check("format", false, malformed.get()));
            return new Verification(false, "invalid", checks, text, issuer);
        }
        checks.add(new Check("format", true, "a Verifiable Credential 2.0 with an " + DataIntegrityProof.CRYPTOSUITE
                + " Data Integrity proof; every property is defined by a bundled context"));

        String method = proof.getString("verificationMethod");
        Optional<byte[]> publicKey = issuerKey(issuer.id(), method);
        if (publicKey.isEmpty()) {
            checks.add(new Check("issuer_key", false, "the verification method " + method + " is not a key of the issuer "
                    + issuer.id() + " that this hub can resolve (this hub's own did:web keys and did:key; nothing is fetched)"));
            return new Verification(false, "invalid", checks, text, issuer);
        }
        checks.add(new Check("issuer_key", true, method + " is a key of " + issuer.id()));

        if (!proofHolds(credential, proof, canonical, publicKey.get())) {
            checks.add(new Check("proof", false, "the signature does not match the credential's content: it was changed "
                    + "after signing, or signed by another key"));
            return new Verification(false, "invalid", checks, text, issuer);
        }
        checks.add(new Check("proof", true, "the Ed25519 signature matches the canonical form of the credential"));

        String status = "valid";
        Check statusCheck = statusCheck(credential);
        checks.add(statusCheck);
        if (!statusCheck.passed()) {
            status = statusCheck.detail().startsWith("revoked") ? "revoked"
                    : statusCheck.detail().startsWith("suspended") ? "suspended" : "invalid";
        }
        Check dates = validityCheck(credential);
        checks.add(dates);
        if (!dates.passed() && status.equals("valid")) {
            status = dates.detail().startsWith("expired") ? "expired" : "invalid";
        }
        return new Verification(status.equals("valid"), status, checks, text, issuer);
    }

    private Issuer issuer(JsonObject credential) {
        JsonValue value = credential.get("issuer");
        String id = null;
        String name = null;
        String url = null;
        if (value instanceof JsonString s) {
            id = s.getString();
        } else if (value instanceof JsonObject profile) {
            id = Format.string(profile, "id");
            name = Format.string(profile, "name");
            url = Format.string(profile, "url");
        }
        return new Issuer(id, name, url, hub.did().equals(id));
    }

    private static JsonObject withUnmappedVocabulary(JsonObject credential) {
        var contexts = JSON.createArrayBuilder().add(JsonLdContexts.UNMAPPED_VOCABULARY);
        JsonValue context = credential.get("@context");
        if (context instanceof JsonArray array) {
            array.forEach(contexts::add);
        } else {
            contexts.add(context);
        }
        return JSON.createObjectBuilder(credential).remove("proof").add("@context", contexts).build();
    }

    private static Optional<String> unmapped(String canonical) {
        Set<String> terms = new TreeSet<>();
        Matcher m = UNMAPPED_TERM.matcher(canonical);
        while (m.find()) {
            terms.add(m.group(1));
        }
        return terms.isEmpty() ? Optional.empty() : Optional.of(
                "properties or types that no context defines, so no proof can cover them: " + String.join(", ", terms));
    }

    /**
     * With no term left to the fallback vocabulary, the canonical form computed with it is the
     * canonical form of the credential itself, so it is hashed as is rather than computed again.
     */
    private static boolean proofHolds(JsonObject credential, JsonObject proof, String canonical, byte[] publicKey) {
        try {
            return DataIntegrityProof.verify(canonical, credential.get("@context"), proof, publicKey);
        } catch (InvalidCredentialException e) {
            return false;
        }
    }

    private Optional<byte[]> issuerKey(String issuerId, String method) {
        int hash = method.indexOf('#');
        if (issuerId == null || hash < 0 || !method.substring(0, hash).equals(issuerId)) {
            return Optional.empty();
        }
        String fragment = method.substring(hash + 1);
        if (issuerId.equals(hub.did())) {
            return keys.publicKey(fragment);
        }
        if (issuerId.startsWith("did:key:") && issuerId.substring("did:key:".length()).equals(fragment)) {
            return Optional.ofNullable(Multikey.decodeEd25519(fragment));
        }
        return Optional.empty();
    }

    private Check statusCheck(JsonObject credential) {
        JsonValue status = credential.get("credentialStatus");
        if (status == null) {
            return new Check("status", true, "the credential has no status list, so it cannot be revoked or suspended");
        }
        List<JsonObject> entries = new ArrayList<>();
        if (status instanceof JsonObject entry) {
            entries.add(entry);
        } else if (status instanceof JsonArray array) {
            array.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).forEach(entries::add);
        }
        Map<Long, Optional<StatusPurpose>> setAt = new HashMap<>();
        for (StatusPurpose purpose : StatusPurpose.values()) {
            for (JsonObject entry : entries) {
                if (!"BitstringStatusListEntry".equals(Format.string(entry, "type"))
                        || !purpose.value.equals(Format.string(entry, "statusPurpose"))) {
                    continue;
                }
                String list = Format.string(entry, "statusListCredential");
                Optional<Long> index = statusLists.ownIndex(list, purpose, Format.string(entry, "statusListIndex"));
                if (index.isEmpty()) {
                    return new Check("status", false, "the status list " + list + " is not one of this hub's, "
                            + "and status lists elsewhere are not fetched");
                }
                if (setAt.computeIfAbsent(index.get(), statusLists::setAt).equals(Optional.of(purpose))) {
                    return new Check("status", false, (purpose == StatusPurpose.REVOCATION ? "revoked" : "suspended")
                            + ": the issuer's " + purpose.value + " list has this credential's bit set");
                }
            }
        }
        return new Check("status", true, "neither revoked nor suspended on the issuer's status lists");
    }

    private Check validityCheck(JsonObject credential) {
        Instant now = clock.instant();
        Instant from = instant(Format.string(credential, "validFrom"));
        Instant until = instant(Format.string(credential, "validUntil"));
        if (from != null && now.isBefore(from)) {
            return new Check("validity_period", false, "not yet valid: valid from " + from);
        }
        if (until != null && !now.isBefore(until)) {
            return new Check("validity_period", false, "expired on " + until);
        }
        return new Check("validity_period", true, until == null ? "valid from " + from + ", with no end"
                : "valid from " + from + " until " + until);
    }

    private static Instant instant(String dateTime) {
        if (dateTime == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(dateTime).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
