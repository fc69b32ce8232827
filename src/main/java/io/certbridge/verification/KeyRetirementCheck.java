package io.certbridge.verification;

import io.certbridge.credential.KeyRetirements;
import io.certbridge.credential.XsdDateTime;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether the hub's key that signed a credential had been retired (compromised) by then. Whoever holds a compromised
 * key can write any {@code created} into a proof, so a signature dated before the retirement counts only when the
 * hub's own issuance record holds that very signature; one dated at or after it counts for nothing.
 */
@Component
class KeyRetirementCheck {

    static final String NAME = "key_retirement";

    private final KeyRetirements retirements;
    private final IssuedProofs issued;

    KeyRetirementCheck(KeyRetirements retirements, IssuedProofs issued) {
        this.retirements = retirements;
        this.issued = issued;
    }

    /** Empty when the key is not one of the hub's retired keys. */
    Optional<CheckOutcome> check(String verificationMethod, JsonObject proof, SignedClaims claims) {
        String multikey = verificationMethod.substring(verificationMethod.indexOf('#') + 1);
        return retirements.of(multikey).map(retired -> check(multikey, retired, proof, claims));
    }

    private CheckOutcome check(String multikey, KeyRetirements.Retirement retired, JsonObject proof,
                               SignedClaims claims) {
        String when = "the key " + multikey + " was retired on " + XsdDateTime.of(retired.at()) + " (" + retired.reason() + ")";
        Optional<Instant> created = XsdDateTime.parse(Format.string(proof, "created"));
        if (created.isEmpty() || !created.get().isBefore(retired.at())) {
            return CheckOutcome.failed(NAME, "invalid", when + ", and this credential was signed "
                    + created.map(c -> "on " + XsdDateTime.of(c)).orElse("at a time it does not say") + ", after that");
        }
        if (issued.proofValue(claims.credentialId()).filter(Format.string(proof, "proofValue")::equals).isEmpty()) {
            return CheckOutcome.failed(NAME, "invalid", when + "; the proof says it was made on "
                    + XsdDateTime.of(created.get()) + ", but the hub has no record of issuing this signature, and a "
                    + "compromised key can backdate its proofs");
        }
        return CheckOutcome.passed(NAME, when + "; this signature is in the hub's issuance record from "
                + XsdDateTime.of(created.get()) + ", before then, so it still holds");
    }
}
