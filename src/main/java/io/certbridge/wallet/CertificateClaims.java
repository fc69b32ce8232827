package io.certbridge.wallet;

import io.certbridge.backbone.CertificateEvents;
import io.certbridge.issuance.Certificate;
import io.certbridge.issuance.Certificates;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A wallet claiming the credential of the offer its access token was issued for: the token is checked, then the key
 * proof with its c_nonce (spent even when the request fails later), then the certificate's validity; the claim
 * (when, which holder DID) is recorded and {@code certificate.claimed} announced with the credential it hands out,
 * in one transaction. An offer is claimed once.
 */
@Component
class CertificateClaims {

    private final WalletOffers offers;
    private final Nonces nonces;
    private final Certificates certificates;
    private final HolderBoundCredentials credentials;
    private final WalletEndpoints endpoints;
    private final CertificateEvents events;
    private final WalletSettings settings;
    private final Clock clock;

    CertificateClaims(WalletOffers offers, Nonces nonces, Certificates certificates,
                      HolderBoundCredentials credentials, WalletEndpoints endpoints, CertificateEvents events,
                      WalletSettings settings, Clock clock) {
        this.offers = offers;
        this.nonces = nonces;
        this.certificates = certificates;
        this.credentials = credentials;
        this.endpoints = endpoints;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    /** The signed credential, as JSON text. */
    @Transactional(noRollbackFor = WalletError.class)
    String claim(String accessToken, String proofJwt) {
        Instant now = clock.instant();
        WalletOffers.Offer offer = offers.lockByToken(accessToken)
                .orElseThrow(() -> WalletError.invalidToken("the access token is not known"));
        if (!offer.tokenExpiresAt().isAfter(now)) {
            throw WalletError.invalidToken("the access token has expired");
        }
        if (offer.claimedAt() != null) {
            throw WalletError.invalidToken("the access token's offer has been claimed");
        }
        KeyProof proof = KeyProof.verify(proofJwt, endpoints.issuer(), now, settings.proofMaxAge(),
                settings.clockSkew());
        if (proof.nonce() == null || !nonces.use(proof.nonce())) {
            throw WalletError.badRequest("invalid_nonce",
                    "the proof's nonce is not a c_nonce of the nonce endpoint, has expired or was used before");
        }
        Certificate certificate = certificates.findVerifiable(offer.certificateId())
                .filter(c -> "issued".equals(c.status()))
                .orElseThrow(() -> WalletError.badRequest("credential_request_denied",
                        "the certificate is no longer valid (revoked, suspended or expired)"));
        String credential = credentials.bind(certificate.credential(), proof.key().did(), !certificate.livemode())
                .toString();
        offers.claim(offer.id(), proof.key().did(), now);
        Map<String, Object> claimed = new LinkedHashMap<>();
        claimed.put("certificate_id", certificate.id());
        claimed.put("livemode", certificate.livemode());
        claimed.put("offer_id", offer.id());
        claimed.put("holder_did", proof.key().did());
        claimed.put("claimed_at", now);
        events.announce("certificate.claimed", certificate.id(), claimed);
        return credential;
    }
}
