package io.certbridge.verification;

import io.certbridge.issuance.Certificates;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Verifies a credential someone sent (to the API, or on the verification page): any issuer's; when it is one of this
 * hub's certificates, a renewal's replacement is said and the verification is counted for that certificate.
 */
@Component
class PostedCredentials {

    private final Certificates certificates;
    private final CredentialVerifier verifier;
    private final VerificationEvents events;

    PostedCredentials(Certificates certificates, CredentialVerifier verifier, VerificationEvents events) {
        this.certificates = certificates;
        this.verifier = verifier;
        this.events = events;
    }

    /** The verification of {@code body}, a credential's JSON; refused with a 400 problem when it is not one. */
    Verification verify(String body, String channel) {
        CredentialVerifier.Result result = verifier.check(CredentialJson.parse(body));
        Optional<String> certificateId = events.certificateOf(result);
        Verification verification = certificateId.flatMap(certificates::findVerifiable)
                .map(certificate -> Supersession.of(certificate, result.verification(), certificates))
                .orElse(result.verification());
        certificateId.ifPresent(id -> events.verified(id, verification, channel));
        return verification;
    }
}
