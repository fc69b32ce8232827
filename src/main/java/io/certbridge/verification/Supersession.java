package io.certbridge.verification;

import io.certbridge.issuance.Certificate;
import io.certbridge.issuance.Certificates;

/** What a verification of one of the hub's certificates says when a renewal has replaced it. */
final class Supersession {

    private Supersession() {
    }

    static Verification of(Certificate certificate, Verification verification, Certificates certificates) {
        if (certificate.supersededBy() == null) {
            return verification;
        }
        return verification.supersededBy(new Verification.Replacement(certificate.supersededBy(),
                certificates.verificationBaseUrl() + certificate.supersededBy()));
    }
}
