package io.certbridge.wallet;

import io.certbridge.issuance.Certificate;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** What the certificate's e-mail and its verification page show of wallet offers, when they are switched on. */
@Component
public class OfferLinks {

    /** An offer's link ({@code openid-credential-offer://…}) and the address of its QR code (PNG). */
    public record OfferLink(String url, String qrCodeUrl) {
    }

    private final CredentialOffers offers;
    private final WalletEndpoints endpoints;
    private final WalletSettings settings;

    OfferLinks(CredentialOffers offers, WalletEndpoints endpoints, WalletSettings settings) {
        this.offers = offers;
        this.endpoints = endpoints;
        this.settings = settings;
    }

    /** A new offer for a valid live certificate's e-mail, when certbridge.wallet.offer-in-email is on. */
    public Optional<OfferLink> forEmail(Certificate certificate) {
        if (!settings.offerInEmail() || !offerable(certificate)) {
            return Optional.empty();
        }
        CredentialOffers.OfferView offer = offers.forEmail(certificate);
        return Optional.of(new OfferLink(offer.offerUrl(), endpoints.offer(offer.id()) + "/qr.png"));
    }

    /** Whether the verification page offers the certificate to wallets (certbridge.wallet.offer-on-page). */
    public boolean onPage(Certificate certificate) {
        return settings.offerOnPage() && offerable(certificate);
    }

    private static boolean offerable(Certificate certificate) {
        return certificate.livemode() && certificate.credential() != null && "issued".equals(certificate.status());
    }
}
