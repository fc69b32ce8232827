package io.certbridge.document;

import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.issuance.Certificate;
import io.certbridge.issuance.Certificates;
import io.certbridge.shared.problems.NotFound;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class CertificatePdfController {

    private final Certificates certificates;
    private final CertificateDocuments documents;

    CertificatePdfController(Certificates certificates, CertificateDocuments documents) {
        this.certificates = certificates;
        this.documents = documents;
    }

    @GetMapping(path = "/v1/certificates/{id}/pdf", produces = MediaType.APPLICATION_PDF_VALUE)
    @RequiresScope(Scope.CERTIFICATES_READ)
    ResponseEntity<byte[]> pdf(@PathVariable String id, HttpServletRequest request) {
        Certificate certificate = certificates.find(id, ApiKeyPrincipal.of(request).environment())
                .filter(c -> c.credential() != null || c.verificationUrl() != null)
                .orElseThrow(() -> new NotFound("certificate", id));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline().filename(id + ".pdf").build().toString())
                .body(documents.pdf(certificate));
    }
}
