package io.certbridge.verification;

import io.certbridge.issuance.Certificate;
import java.util.Optional;

/**
 * Verifies a certificate an outside service issued, which has no credential of the hub's, by asking that service
 * (SwanShare's {@code GET /v1/credentials/{verify_id}}).
 */
public interface OutsideVerifier {

    /** The service's own answer for the certificate; empty when its issuer is not of this verifier's type. */
    Optional<Verification> verify(Certificate certificate);
}
