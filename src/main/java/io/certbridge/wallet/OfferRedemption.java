package io.certbridge.wallet;

import io.certbridge.shared.Ids;
import io.certbridge.shared.Sha256;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Redeems an offer's pre-authorized code, once, for a short-lived access token bound to that offer. A wrong
 * transaction code is counted (the count survives the refusal), and after certbridge.wallet.tx-code-attempts of them
 * the offer is spent.
 */
@Component
class OfferRedemption {

    record AccessToken(String value, Duration expiresIn) {
    }

    private final WalletOffers offers;
    private final CredentialOffers credentialOffers;
    private final WalletSettings settings;
    private final Clock clock;

    OfferRedemption(WalletOffers offers, CredentialOffers credentialOffers, WalletSettings settings, Clock clock) {
        this.offers = offers;
        this.credentialOffers = credentialOffers;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional(noRollbackFor = WalletError.class)
    AccessToken redeem(String preAuthorizedCode, String txCode) {
        WalletOffers.Offer offer = offers.lockByCode(preAuthorizedCode)
                .orElseThrow(() -> WalletError.invalidGrant("the pre-authorized code is not known"));
        Instant now = clock.instant();
        if (offer.redeemedAt() != null) {
            throw WalletError.invalidGrant("the offer was used before");
        }
        if (!offer.expiresAt().isAfter(now)) {
            throw WalletError.invalidGrant("the offer has expired");
        }
        if (offer.txCodeFailures() >= settings.txCodeAttempts()) {
            throw WalletError.invalidGrant("too many wrong transaction codes; ask for a new offer");
        }
        if (!credentialOffers.valid(offer.certificateId())) {
            throw WalletError.invalidGrant("the certificate is no longer valid (revoked, suspended or expired)");
        }
        if (offer.hasTxCode()) {
            if (txCode == null || txCode.isEmpty()) {
                throw WalletError.badRequest("invalid_request", "this offer needs its tx_code");
            }
            if (!MessageDigest.isEqual(Sha256.of(txCode), offer.txCodeHash())) {
                offers.countTxCodeFailure(offer.id());
                throw WalletError.invalidGrant("the transaction code is wrong");
            }
        }
        String token = Ids.random(43);
        offers.redeem(offer.id(), token, now, now.plus(settings.accessTokenTtl()));
        return new AccessToken(token, settings.accessTokenTtl());
    }
}
