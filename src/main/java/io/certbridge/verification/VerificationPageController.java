package io.certbridge.verification;

import com.samskivert.mustache.Template;
import io.certbridge.shared.HubSettings;
import io.certbridge.credential.IssuerIdentity;
import io.certbridge.credential.LinkedDataMediaTypes;
import io.certbridge.document.CertificateDocuments;
import io.certbridge.issuance.Certificate;
import io.certbridge.issuance.Certificates;
import io.certbridge.shared.problems.NotFound;
import io.certbridge.wallet.OfferLinks;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The public page of a certificate, where the QR code and the verification link lead: who earned
 * what from whom, whether it holds now and why, and the ways to keep and share it.
 */
@RestController
class VerificationPageController {

    private final Certificates certificates;
    private final CredentialVerifier verifier;
    private final VerificationEvents events;
    private final CertificateDocuments documents;
    private final IssuerIdentity issuer;
    private final List<Attestations> attestations;
    private final OriginalDocuments originals;
    private final OfferLinks walletOffers;
    private final String linkedInAddToProfile;
    private final Template page = VerificationView.compile("verification.html");
    private final Template notFound = VerificationView.compile("not-found.html");

    VerificationPageController(Certificates certificates, CredentialVerifier verifier, VerificationEvents events,
                               CertificateDocuments documents, IssuerIdentity issuer,
                               HubSettings settings, List<Attestations> attestations, OriginalDocuments originals,
                               OfferLinks walletOffers) {
        this.walletOffers = walletOffers;
        this.attestations = attestations;
        this.originals = originals;
        this.certificates = certificates;
        this.verifier = verifier;
        this.events = events;
        this.documents = documents;
        this.issuer = issuer;
        this.linkedInAddToProfile = settings.linkedin().addToProfileUrl();
    }

    @GetMapping(path = "/verify/{id}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> page(@PathVariable String id) {
        return page(id, null);
    }

    /**
     * The page's form for a certificate made from a file: the file chosen is hashed as it arrives, kept nowhere, and
     * the page says whether it is the original.
     */
    @PostMapping(path = "/verify/{id}/file", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> checkFile(@PathVariable String id, @RequestParam(required = false) MultipartFile file)
            throws IOException {
        Optional<OriginalDocuments.Original> original = originals.of(id);
        if (original.isEmpty() || file == null || file.isEmpty()) {
            return page(id, null);
        }
        try (InputStream content = file.getInputStream()) {
            return page(id, original.get().check(id, content));
        }
    }

    private ResponseEntity<String> page(String id, OriginalDocuments.FileCheck check) {
        Optional<Certificate> found = certificates.findVerifiable(id);
        Optional<String> elsewhere = found.isEmpty() ? certificates.verifiedElsewhere(id) : Optional.empty();
        if (elsewhere.isPresent()) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(elsewhere.get())).build();
        }
        if (found.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .header("Content-Security-Policy", VerificationView.PAGE_POLICY)
                    .body(notFound.execute(Map.of("certificate_id", id)));
        }
        Certificate certificate = found.get();
        Verification verification = Supersession.of(certificate,
                verifier.verify(CredentialJson.stored(certificate.credential())), certificates);
        events.viewed(id, verification.status());
        Optional<OriginalDocuments.Original> original = originals.of(id);
        Map<String, Object> model = model(certificate, verification);
        original.ifPresent(o -> model.putAll(originalModel(certificate.id(), o, check)));
        boolean toWallets = walletOffers.onPage(certificate);
        if (toWallets) {
            model.put("wallet_href", "/verify/" + certificate.id() + "/wallet");
        }
        return ResponseEntity.ok()
                .header("Content-Security-Policy", original.isPresent() || toWallets
                        ? VerificationView.PAGE_WITH_FORM_POLICY : VerificationView.PAGE_POLICY)
                .body(page.execute(model));
    }

    /**
     * What the page says of the file a certificate was made from, and of a file checked against it; the certificate
     * is shown issued when the file was.
     */
    private static Map<String, Object> originalModel(String certificateId, OriginalDocuments.Original original,
                                                     OriginalDocuments.FileCheck check) {
        Map<String, Object> model = new HashMap<>();
        model.put("issued_on", CertificateDocuments.day(original.issueDate().atStartOfDay(ZoneOffset.UTC).toInstant()));
        model.put("original", Map.of("sha256", original.sha256(), "media_type", original.mediaType(),
                "size", original.size(), "check_href", "/verify/" + certificateId + "/file"));
        if (check != null) {
            model.put("file_check", Map.of("match", check.match(), "sha256", check.sha256()));
        }
        return model;
    }

    /** LinkedIn's add-certification link, through us so that the share is counted. */
    @GetMapping("/verify/{id}/linkedin")
    ResponseEntity<Void> addToLinkedIn(@PathVariable String id) {
        Certificate certificate = certificates.findPublic(id).orElseThrow(() -> new NotFound("certificate", id));
        var issued = certificate.issuedAt().atZone(ZoneOffset.UTC);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("startTask", "CERTIFICATION_NAME");
        query.put("name", documents.achievementName(certificate));
        query.put("organizationName", issuer.name());
        query.put("issueYear", issued.getYear());
        query.put("issueMonth", issued.getMonthValue());
        if (certificate.expiresAt() != null) {
            var expires = certificate.expiresAt().atZone(ZoneOffset.UTC);
            query.put("expirationYear", expires.getYear());
            query.put("expirationMonth", expires.getMonthValue());
        }
        query.put("certUrl", certificate.verificationUrl());
        query.put("certId", certificate.id());
        String link = linkedInAddToProfile + "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(String.valueOf(e.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        events.shared(id, "linkedin");
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(link)).build();
    }

    @GetMapping(path = "/verify/{id}/certificate.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    ResponseEntity<byte[]> pdf(@PathVariable String id) {
        Certificate certificate = certificates.findPublic(id).orElseThrow(() -> new NotFound("certificate", id));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(id + ".pdf").build().toString())
                .body(documents.pdf(certificate));
    }

    /** The credential's own id resolves here, to the credential as issued. */
    @GetMapping(path = "/credentials/{id}")
    ResponseEntity<String> credential(@PathVariable String id,
                                      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        Certificate certificate = certificates.findVerifiable(id).orElseThrow(() -> new NotFound("certificate", id));
        return LinkedDataMediaTypes.CREDENTIAL.ok(accept).body(certificate.credential());
    }

    private Map<String, Object> model(Certificate certificate, Verification verification) {
        var template = documents.template(certificate);
        Map<String, Object> model = new HashMap<>();
        model.put("sandbox", !certificate.livemode());
        model.put("status", verification.status());
        model.put("status_text", VerificationView.statusText(verification.status()));
        model.put("has_result", true);
        model.put("recipient_name", certificate.recipient().name());
        model.put("achievement_name", documents.achievementName(certificate));
        model.put("achievement_description", template.description());
        model.put("issuer_name", verification.issuer().name());
        model.put("issuer_id", verification.issuer().id());
        model.put("issued_on", CertificateDocuments.day(certificate.issuedAt()));
        model.put("expires_on", CertificateDocuments.day(certificate.expiresAt()));
        model.put("certificate_id", certificate.id());
        model.put("verification_url", certificate.verificationUrl());
        model.put("qr_data_uri", documents.qrDataUri(certificate));
        model.put("linkedin_href", "/verify/" + certificate.id() + "/linkedin");
        model.put("pdf_href", "/verify/" + certificate.id() + "/certificate.pdf");
        model.put("credential_href", "/credentials/" + certificate.id());
        List<Map<String, String>> attested = attestations.stream().flatMap(a -> a.of(certificate.id()).stream())
                .map(a -> Map.of("by", a.by(), "reference", a.reference(), "status", a.status(),
                        "completed_on", a.completedAt() == null ? "" : CertificateDocuments.day(a.completedAt())))
                .toList();
        model.put("attestations", attested);
        model.put("has_attestations", !attested.isEmpty());
        model.put("checks", VerificationView.checks(verification));
        if (verification.supersededBy() != null) {
            model.put("superseded_by", Map.of("id", verification.supersededBy().id(),
                    "href", "/verify/" + verification.supersededBy().id()));
        }
        return model;
    }
}
