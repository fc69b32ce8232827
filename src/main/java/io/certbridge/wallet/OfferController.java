package io.certbridge.wallet;

import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.api.Idempotency;
import io.certbridge.api.Page;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.document.QrCode;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Offers made by API, and the credential offer a wallet fetches from an offer's credential_offer_uri. */
@RestController
class OfferController {

    record CreateOffer(Boolean txCode) {
    }

    private final CredentialOffers offers;
    private final Idempotency idempotency;
    private final QrCode qrCode;

    OfferController(CredentialOffers offers, Idempotency idempotency, QrCode qrCode) {
        this.offers = offers;
        this.idempotency = idempotency;
        this.qrCode = qrCode;
    }

    @PostMapping(path = "/v1/certificates/{id}/offers", produces = "application/json")
    @RequiresScope(Scope.CERTIFICATES_WRITE)
    ResponseEntity<?> create(@PathVariable String id, @RequestBody(required = false) CreateOffer body,
                             HttpServletRequest request) {
        CreateOffer offer = body == null ? new CreateOffer(null) : body;
        return idempotency.run(request, offer, () -> ResponseEntity.status(HttpStatus.CREATED)
                .body(offers.create(id, ApiKeyPrincipal.of(request).environment(), offer.txCode())));
    }

    @GetMapping(path = "/v1/certificates/{id}/offers", produces = "application/json")
    @RequiresScope(Scope.CERTIFICATES_READ)
    Page<CredentialOffers.OfferView> list(@PathVariable String id, HttpServletRequest request) {
        // a certificate has a handful of offers: one page holds them all
        return new Page<>(offers.ofCertificate(id, ApiKeyPrincipal.of(request).environment()), false, null);
    }

    /** The QR code of an offer that can still be redeemed, for the certificate's e-mail. */
    @GetMapping(path = WalletEndpoints.OFFERS + "{offerId}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qrCode(@PathVariable String offerId) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(qrCode.png(offers.openLink(offerId), 320));
    }

    @GetMapping(path = WalletEndpoints.OFFERS + "{offerId}", produces = "application/json")
    ResponseEntity<Map<String, Object>> offer(@PathVariable String offerId) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(offers.offerObject(offerId));
    }
}
