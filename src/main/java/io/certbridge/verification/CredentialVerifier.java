package io.certbridge.verification;

import static io.certbridge.credential.Jsonp.JSON;

import io.certbridge.credential.CanonicalForm;
import io.certbridge.credential.CredentialQuads;
import io.certbridge.credential.DataIntegrityProof;
import io.certbridge.credential.InvalidCredentialException;
import io.certbridge.credential.IssuerIdentity;
import io.certbridge.credential.JsonLdContexts;
import io.certbridge.credential.RdfCanonicalizer;
import io.certbridge.verification.Verification.Check;
import io.certbridge.verification.Verification.Issuer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Verifies any credential from its own bytes: the format, the issuer's key, the Data Integrity proof
 * (recomputed from the document, never taken from the database), whether the hub's key was retired when it signed,
 * its blockchain anchor if it has one, the
 * status lists and the validity dates. Checks run in that order and stop at the first that makes the rest meaningless; the key is
 * looked up before the costly canonicalization, so a credential no key can vouch for costs little.
 * A credential of the exact shape the hub issues is canonicalized from quads written straight from
 * its JSON; any other goes through JSON-LD processing.
 */
@Component
public class CredentialVerifier {

    private final IssuerIdentity hub;
    private final IssuerKeys issuerKeys;
    private final StatusCheck statusCheck;
    private final AnchorCheck anchorCheck;
    private final KeyRetirementCheck retirementCheck;
    private final Clock clock;

    public CredentialVerifier(IssuerIdentity hub, IssuerKeys issuerKeys, StatusCheck statusCheck,
                              AnchorCheck anchorCheck, KeyRetirementCheck retirementCheck, Clock clock) {
        this.hub = hub;
        this.issuerKeys = issuerKeys;
        this.statusCheck = statusCheck;
        this.anchorCheck = anchorCheck;
        this.retirementCheck = retirementCheck;
        this.clock = clock;
    }

    /** The verification, and the signed claims when the proof held. */
    record Result(Verification verification, Optional<SignedClaims> claims) {
    }

    public Verification verify(JsonObject credential) {
        return check(credential).verification();
    }

    Result check(JsonObject credential) {
        List<Check> checks = new ArrayList<>();
        String issuerId = Format.issuerId(credential);
        Issuer issuer = issuer(credential, issuerId);
        String text = credential.toString();

        Optional<String> malformed = Format.problem(credential);
        if (malformed.isPresent()) {
            return invalid(checks, new Check("format", false, malformed.get()), text, issuer);
        }
        JsonObject proof = Format.proof(credential);
        String method = proof.getString("verificationMethod");
        Optional<byte[]> publicKey = issuerKeys.resolve(issuerId, method);
        if (publicKey.isEmpty()) {
            checks.add(formatPassed());
            return invalid(checks, new Check("issuer_key", false, "the verification method " + method + " is not a key "
                    + "of the issuer " + issuerId + " that this hub can resolve (its own did:web keys and did:key; "
                    + "nothing is fetched)"), text, issuer);
        }

        CanonicalForm canonical;
        SignedClaims claims;
        try {
            JsonObject unsigned = JSON.createObjectBuilder(credential).remove("proof").build();
            Optional<List<CanonicalForm.Quad>> ownShape = CredentialQuads.ofCredential(unsigned);
            canonical = ownShape.isPresent() ? RdfCanonicalizer.canonicalForm(ownShape.get())
                    : RdfCanonicalizer.canonicalForm(withUnmappedVocabulary(unsigned));
            claims = SignedClaims.read(canonical);
        } catch (InvalidCredentialException e) {
            return invalid(checks, new Check("format", false, e.getMessage()), text, issuer);
        }
        if (!claims.issuer().equals(issuerId)) {
            return invalid(checks, new Check("format", false, "the issuer's id is ambiguous"), text, issuer);
        }
        checks.add(formatPassed());
        checks.add(new Check("issuer_key", true, method + " is a key of " + issuerId));

        if (!proofHolds(canonical, credential.get("@context"), proof, publicKey.get())) {
            return invalid(checks, new Check("proof", false, "the signature does not match the credential's content: "
                    + "it was changed after signing, or signed by another key"), text, issuer);
        }
        checks.add(new Check("proof", true, "the Ed25519 signature matches the canonical form of the credential"));

        Optional<CheckOutcome> retirement = hub.isOwn(issuerId)
                ? retirementCheck.check(method, proof, claims) : Optional.empty();
        Optional<CheckOutcome> anchor = anchorCheck.check(credential, issuerId, hub.isOwn(issuerId));
        CheckOutcome status = statusCheck.check(claims, hub.isOwn(issuerId));
        CheckOutcome dates = validityCheck(claims);
        retirement.ifPresent(outcome -> checks.add(outcome.check()));
        anchor.ifPresent(outcome -> checks.add(outcome.check()));
        checks.add(status.check());
        checks.add(dates.check());
        String overall = Stream.of(retirement.orElse(null), anchor.orElse(null), status, dates)
                .filter(outcome -> outcome != null && outcome.failedStatus() != null)
                .map(CheckOutcome::failedStatus).findFirst().orElse("valid");
        return new Result(new Verification(overall.equals("valid"), overall, checks, text, issuer), Optional.of(claims));
    }

    private static Check formatPassed() {
        return new Check("format", true, "a Verifiable Credential 2.0 with an " + DataIntegrityProof.CRYPTOSUITE
                + " Data Integrity proof; every property is defined by a bundled context");
    }

    private static Result invalid(List<Check> checks, Check failed, String text, Issuer issuer) {
        checks.add(failed);
        return new Result(new Verification(false, "invalid", checks, text, issuer), Optional.empty());
    }

    private Issuer issuer(JsonObject credential, String id) {
        JsonObject profile = credential.get("issuer") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        return new Issuer(id, Format.string(profile, "name"), Format.string(profile, "url"), hub.isOwn(id),
                hub.did(true).equals(id));
    }

    /**
     * The credential with a fallback vocabulary first in its context, so that terms no context defines
     * show up in the quads instead of vanishing. When none shows up, these quads are exactly those of
     * the credential itself, so they are hashed as they are rather than computed again.
     */
    private static JsonObject withUnmappedVocabulary(JsonObject unsigned) {
        var contexts = JSON.createArrayBuilder().add(JsonLdContexts.UNMAPPED_VOCABULARY);
        ((JsonArray) unsigned.get("@context")).forEach(contexts::add);
        return JSON.createObjectBuilder(unsigned).add("@context", contexts).build();
    }

    private static boolean proofHolds(CanonicalForm canonical, JsonValue context, JsonObject proof, byte[] publicKey) {
        try {
            return DataIntegrityProof.verify(canonical.nquads(), context, proof, publicKey);
        } catch (InvalidCredentialException e) {
            return false;
        }
    }

    private CheckOutcome validityCheck(SignedClaims claims) {
        Instant now = clock.instant();
        if (claims.validFrom() != null && now.isBefore(claims.validFrom())) {
            return CheckOutcome.failed("validity_period", "invalid", "not yet valid: valid from " + claims.validFrom());
        }
        if (claims.validUntil() != null && !now.isBefore(claims.validUntil())) {
            return CheckOutcome.failed("validity_period", "expired", "expired on " + claims.validUntil());
        }
        String from = claims.validFrom() == null ? "valid" : "valid from " + claims.validFrom();
        return CheckOutcome.passed("validity_period",
                claims.validUntil() == null ? from + ", with no end" : from + " until " + claims.validUntil());
    }
}
