package io.certbridge.credential;

import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.shared.problems.InvalidInput;
import io.certbridge.shared.problems.NotFound;
import java.time.Clock;
import java.time.Instant;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Retiring a signing key that was compromised. {@code kid} is the key's Multikey, the fragment of its verification
 * method in the DID document. Rotating to a new key is configuration; a retired key that is still configured keeps
 * signing, and what it signs then verifies invalid, so retiring the live key goes with configuring a new one.
 */
@RestController
@RequestMapping(path = "/v1/signing-keys", produces = "application/json")
class SigningKeyController {

    static final int MAX_REASON = 500;

    record Retire(String reason, Instant retiredAt) {
    }

    record RetiredKeyView(String object, String kid, String verificationMethod, Instant retiredAt, String reason) {
    }

    private final KeyRetirements retirements;
    private final IssuerIdentity issuer;
    private final Clock clock;

    SigningKeyController(KeyRetirements retirements, IssuerIdentity issuer, Clock clock) {
        this.retirements = retirements;
        this.issuer = issuer;
        this.clock = clock;
    }

    @PostMapping("/{kid}/retire")
    @RequiresScope(Scope.KEYS_MANAGE)
    RetiredKeyView retire(@PathVariable String kid, @RequestBody Retire body) {
        if (body.reason() == null || body.reason().isBlank() || body.reason().length() > MAX_REASON) {
            throw new InvalidInput("invalid_value", "is required: why the key is retired, in at most " + MAX_REASON
                    + " characters", "reason");
        }
        Instant now = clock.instant();
        Instant at = body.retiredAt() == null ? now : body.retiredAt();
        if (at.isAfter(now)) {
            throw new InvalidInput("invalid_value", "cannot be in the future: a key is retired once it is known to be "
                    + "compromised", "retired_at");
        }
        KeyRetirements.RetiredKey retired = retirements.retire(kid, at, body.reason().strip())
                .orElseThrow(() -> new NotFound("signing key", kid));
        return new RetiredKeyView("signing_key", retired.multikey(),
                issuer.verificationMethod(retired.multikey(), retired.sandbox()),
                retired.retirement().at(), retired.retirement().reason());
    }
}
