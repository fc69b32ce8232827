package io.certbridge.truescreen;

import io.certbridge.verification.Attestations;
import java.util.List;
import org.springframework.stereotype.Component;

/** A certificate's TrueScreen certifications, as its public verification page shows them. */
@Component
class TrueScreenAttestations implements Attestations {

    private final Certifications certifications;

    TrueScreenAttestations(Certifications certifications) {
        this.certifications = certifications;
    }

    @Override
    public List<Attestation> of(String certificateId) {
        return certifications.ofCertificateAll(certificateId).stream()
                .map(row -> new Attestation("TrueScreen", row.reportId(), row.status(), row.completedAt()))
                .toList();
    }
}
