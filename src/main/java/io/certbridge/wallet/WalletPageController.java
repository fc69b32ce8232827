package io.certbridge.wallet;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.certbridge.document.QrCode;
import io.certbridge.issuance.Certificate;
import io.certbridge.issuance.Certificates;
import io.certbridge.shared.ClasspathText;
import io.certbridge.shared.problems.NotFound;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Add to a wallet" on the verification page: a form post (never a link, which previews and crawlers would follow)
 * that shows an offer's QR code and link, whose transaction code is e-mailed to the certificate's recipient.
 */
@RestController
class WalletPageController {

    private static final String PAGE_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            + "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    private final Certificates certificates;
    private final CredentialOffers offers;
    private final OfferLinks links;
    private final QrCode qrCode;
    private final Template page = Mustache.compiler().escapeHTML(true).defaultValue("")
            .compile(ClasspathText.read("pages/wallet-offer.html"));

    WalletPageController(Certificates certificates, CredentialOffers offers, OfferLinks links, QrCode qrCode) {
        this.certificates = certificates;
        this.offers = offers;
        this.links = links;
        this.qrCode = qrCode;
    }

    @PostMapping(path = "/verify/{id}/wallet", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> offer(@PathVariable String id) {
        Certificate certificate = certificates.findVerifiable(id).filter(links::onPage)
                .orElseThrow(() -> new NotFound("certificate", id));
        CredentialOffers.OfferView offer = offers.forPage(certificate);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Content-Security-Policy", PAGE_POLICY)
                .body(page.execute(Map.of("certificate_id", id, "offer_url", offer.offerUrl(),
                        "qr_data_uri", qrCode.pngDataUri(offer.offerUrl(), 320),
                        "expires_on", offer.expiresAt().toString().substring(0, 10))));
    }
}
