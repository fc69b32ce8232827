package io.certbridge.verification;

import io.certbridge.credential.OpenBadgeCredentials;
import io.certbridge.backbone.CertificateEvents;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** certificate.viewed, certificate.verified and certificate.shared: how people look at a certificate. */
@Component
class VerificationEvents {

    record Engagement(String certificateId, String channel, String status) {
    }

    private final CertificateEvents events;
    private final OpenBadgeCredentials credentials;

    VerificationEvents(CertificateEvents events, OpenBadgeCredentials credentials) {
        this.events = events;
        this.credentials = credentials;
    }

    void viewed(String certificateId, String status) {
        events.announceEngagement("certificate.viewed", certificateId, new Engagement(certificateId, "page", status));
    }

    void verified(String certificateId, Verification verification, String channel) {
        events.announceEngagement("certificate.verified", certificateId,
                new Engagement(certificateId, channel, verification.status()));
    }

    void shared(String certificateId, String channel) {
        events.announceEngagement("certificate.shared", certificateId, new Engagement(certificateId, channel, null));
    }

    /** The certificate a verified credential is, when it is one of this hub's and its proof held. */
    Optional<String> certificateOf(CredentialVerifier.Result result) {
        String prefix = credentials.credentialUrl("");
        return result.claims()
                .filter(claims -> result.verification().issuer().thisHub())
                .map(SignedClaims::credentialId)
                .filter(id -> id != null && id.startsWith(prefix))
                .map(id -> id.substring(prefix.length()));
    }
}
