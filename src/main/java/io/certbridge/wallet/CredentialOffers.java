package io.certbridge.wallet;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.certbridge.issuance.Certificate;
import io.certbridge.issuance.Certificates;
import io.certbridge.shared.Environment;
import io.certbridge.shared.Ids;
import io.certbridge.shared.problems.Conflict;
import io.certbridge.shared.problems.NotFound;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Offers of certificates to wallets: made for a certificate the hub issued and that is valid, and served by
 * reference ({@code openid-credential-offer://?credential_offer_uri=…}), so that the QR code stays small enough to
 * scan from a screen or paper, and an offer that was used, expired or whose certificate was revoked is refused when
 * the wallet resolves it, before it asks its holder anything.
 */
@Component
class CredentialOffers {

    /**
     * An offer as the API shows it: {@code qr_data} is the text its QR code encodes, the offer link itself;
     * {@code status} open (can be redeemed), redeemed (a wallet holds its access token), claimed (the credential was
     * handed to the wallet of {@code holder_did} at {@code claimed_at}) or expired. {@code tx_code} only in the answer
     * that creates a sandbox offer, whose recipient is not e-mailed.
     */
    record OfferView(String id, String object, String certificateId, String status, String offerUrl,
                     String credentialOfferUri, String qrData, boolean txCodeRequired,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String txCode, Instant expiresAt, Instant createdAt,
                     Instant claimedAt, String holderDid) {
    }

    private final Certificates certificates;
    private final WalletOffers offers;
    private final WalletEndpoints endpoints;
    private final WalletSettings settings;
    private final TxCodes txCodes;
    private final TxCodeMail txCodeMail;
    private final Clock clock;

    CredentialOffers(Certificates certificates, WalletOffers offers, WalletEndpoints endpoints,
                     WalletSettings settings, TxCodes txCodes, TxCodeMail txCodeMail, Clock clock) {
        this.certificates = certificates;
        this.offers = offers;
        this.endpoints = endpoints;
        this.settings = settings;
        this.txCodes = txCodes;
        this.txCodeMail = txCodeMail;
        this.clock = clock;
    }

    /** An offer made by API; {@code txCodeAsked} null leaves it to certbridge.wallet.tx-code-by-default. */
    OfferView create(String certificateId, Environment environment, Boolean txCodeAsked) {
        Certificate certificate = certificates.find(certificateId, environment)
                .orElseThrow(() -> new NotFound("certificate", certificateId));
        if (certificate.credential() == null) {
            throw new Conflict("certificate_without_credential",
                    "the certificate has no credential of the hub's to offer (an outside service issues it)");
        }
        if (!"issued".equals(certificate.status())) {
            throw new Conflict("certificate_not_valid", "the certificate is " + certificate.status()
                    + "; only a valid certificate can be offered to a wallet");
        }
        return make(certificate, "api", txCodeAsked != null ? txCodeAsked : settings.txCodeByDefault());
    }

    /** An offer for a valid certificate's e-mail, which goes to its recipient. */
    OfferView forEmail(Certificate certificate) {
        return make(certificate, "email", settings.txCodeByDefault());
    }

    /**
     * An offer for the verification page of a valid live certificate, with a transaction code e-mailed to its
     * recipient: the one made there within certbridge.wallet.page-offer-reuse, when there is one, so that visitors
     * asking again make neither offers nor e-mails.
     */
    OfferView forPage(Certificate certificate) {
        return offers.openPageOffer(certificate.id(), clock.instant().minus(settings.pageOfferReuse()))
                .map(offer -> view(offer, null))
                .orElseGet(() -> make(certificate, "page", true));
    }

    private OfferView make(Certificate certificate, String madeFor, boolean withTxCode) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String id = Ids.newId("offer");
        String txCode = withTxCode ? txCodes.of(id) : null;
        offers.insert(id, certificate.id(), madeFor, Ids.random(32), txCode, now.plus(settings.offerTtl()));
        if (txCode != null && certificate.livemode()) {
            txCodeMail.plan(certificate.id(), id);
        }
        // a sandbox certificate is never e-mailed: its code goes to the API caller, who is testing
        return view(offers.find(id).orElseThrow(), certificate.livemode() ? null : txCode);
    }

    List<OfferView> ofCertificate(String certificateId, Environment environment) {
        certificates.find(certificateId, environment).orElseThrow(() -> new NotFound("certificate", certificateId));
        return offers.ofCertificate(certificateId).stream().map(offer -> view(offer, null)).toList();
    }

    /** The credential offer object (OpenID4VCI 1.0, section 4.1.1) an offer's URI serves, while it can be redeemed. */
    Map<String, Object> offerObject(String offerId) {
        WalletOffers.Offer offer = open(offerId);
        Map<String, Object> grant = new LinkedHashMap<>();
        grant.put("pre-authorized_code", offer.preAuthorizedCode());
        if (offer.hasTxCode()) {
            grant.put("tx_code", Map.of("input_mode", "numeric", "length", settings.txCodeLength(),
                    "description", "The code e-mailed to you with this offer"));
        }
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("credential_issuer", endpoints.issuer());
        object.put("credential_configuration_ids", List.of(IssuerMetadataController.CONFIGURATION_ID));
        object.put("grants", Map.of(IssuerMetadataController.PRE_AUTHORIZED_CODE, grant));
        return object;
    }

    /** The link of an offer that can still be redeemed, for its QR code. */
    String openLink(String offerId) {
        return view(open(offerId), null).offerUrl();
    }

    private WalletOffers.Offer open(String offerId) {
        return offers.find(offerId).filter(o -> o.redeemedAt() == null && o.expiresAt().isAfter(clock.instant())
                && valid(o.certificateId())).orElseThrow(() -> new NotFound("credential offer", offerId));
    }

    /** Whether a certificate may still be handed to a wallet: issued by the hub, neither revoked, suspended nor expired. */
    boolean valid(String certificateId) {
        return certificates.findVerifiable(certificateId).filter(c -> "issued".equals(c.status())).isPresent();
    }

    private OfferView view(WalletOffers.Offer offer, String txCode) {
        String uri = endpoints.offer(offer.id());
        String link = "openid-credential-offer://?credential_offer_uri=" + URLEncoder.encode(uri, StandardCharsets.UTF_8);
        String status = offer.claimedAt() != null ? "claimed" : offer.redeemedAt() != null ? "redeemed"
                : offer.expiresAt().isAfter(clock.instant()) ? "open" : "expired";
        return new OfferView(offer.id(), "wallet_offer", offer.certificateId(), status, link, uri, link,
                offer.hasTxCode(), txCode, offer.expiresAt(), offer.createdAt(), offer.claimedAt(), offer.holderDid());
    }
}
