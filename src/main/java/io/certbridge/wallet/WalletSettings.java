package io.certbridge.wallet;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * certbridge.wallet.*: OpenID4VCI offers of certificates to wallets. An offer can be redeemed for {@code offerTtl}; the
 * access token it gives is good for {@code accessTokenTtl}, a c_nonce for {@code nonceTtl}, and a key proof is
 * accepted for {@code proofMaxAge} after its {@code iat} (and up to {@code clockSkew} before it). A transaction code
 * of {@code txCodeLength} digits is e-mailed to the recipient when the request asks for one, or always when
 * {@code txCodeByDefault}; after {@code txCodeAttempts} wrong codes the offer is spent. {@code offerInEmail} adds an
 * offer (link and QR code) to each live certificate's e-mail; {@code offerOnPage} adds "Add to a wallet" to the public
 * verification page of a live certificate, whose offers always have a transaction code (anyone may see the page, only
 * the recipient gets the code); a visitor asking again within {@code pageOfferReuse} is shown the same offer.
 */
@Validated
@ConfigurationProperties("certbridge.wallet")
public record WalletSettings(@DefaultValue("7d") @DurationMin(seconds = 1) Duration offerTtl,
                             @DefaultValue("10m") @DurationMin(seconds = 1) Duration accessTokenTtl,
                             @DefaultValue("5m") @DurationMin(seconds = 1) Duration nonceTtl,
                             @DefaultValue("5m") @DurationMin(seconds = 1) Duration proofMaxAge,
                             @DefaultValue("60s") @DurationMin(seconds = 0) Duration clockSkew,
                             @DefaultValue("false") boolean txCodeByDefault,
                             @DefaultValue("6") @Min(4) @Max(12) int txCodeLength,
                             @DefaultValue("5") @Positive int txCodeAttempts,
                             @DefaultValue("false") boolean offerInEmail,
                             @DefaultValue("false") boolean offerOnPage,
                             @DefaultValue("10m") @DurationMin(seconds = 0) Duration pageOfferReuse) {
}
