package io.certbridge.verification;

import io.certbridge.credential.IssuerIdentity;
import io.certbridge.verification.Verification.Check;
import io.certbridge.verification.Verification.Issuer;
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
 * Verifies any credential from its own bytes, this hub's or another issuer's (Verifiable Credentials 2.0 or 1.1): the
 * format, the issuer's key, the proof (recomputed from the document, never taken from the database; see
 * {@link Cryptosuite}, {@link ProofCheck}), whether the hub's key was retired when it signed, its blockchain anchor if
 * it has one, the status lists and the validity dates. Checks run in that order and stop at the first that makes the
 * rest meaningless.
 */
@Component
public class CredentialVerifier {

    private final IssuerIdentity hub;
    private final ProofCheck proofCheck;
    private final StatusCheck statusCheck;
    private final AnchorCheck anchorCheck;
    private final KeyRetirementCheck retirementCheck;
    private final Clock clock;

    CredentialVerifier(IssuerIdentity hub, ProofCheck proofCheck, StatusCheck statusCheck, AnchorCheck anchorCheck,
                       KeyRetirementCheck retirementCheck, Clock clock) {
        this.hub = hub;
        this.proofCheck = proofCheck;
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
        String issuerId = Format.issuerId(credential);
        Issuer issuer = issuer(credential, issuerId);
        String text = credential.toString();
        ProofCheck.Outcome proof = proofCheck.check(credential);
        List<Check> checks = new ArrayList<>(proof.checks());
        if (!proof.holds()) {
            return new Result(new Verification(false, "invalid", checks, text, issuer), Optional.empty());
        }
        SignedClaims claims = proof.claims().orElseThrow();
        JsonObject signature = Cryptosuite.find(credential).orElseThrow().value();

        Optional<CheckOutcome> retirement = hub.isOwn(issuerId)
                ? retirementCheck.check(signature.getString("verificationMethod"), signature, claims) : Optional.empty();
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

    private Issuer issuer(JsonObject credential, String id) {
        JsonObject profile = credential.get("issuer") instanceof JsonObject object ? object : JsonValue.EMPTY_JSON_OBJECT;
        return new Issuer(id, Format.string(profile, "name"), Format.string(profile, "url"), hub.isOwn(id),
                hub.did(true).equals(id));
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
