package io.certbridge.issuance;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.analytics.CertificateAnalytics;
import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.api.Idempotency;
import io.certbridge.api.Page;
import io.certbridge.api.QueryParameters;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.issuance.Certificate.Recipient;
import io.certbridge.shared.problems.NotFound;
import io.certbridge.shared.problems.ValidationFailed;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(produces = "application/json", path = "/v1/certificates")
class CertificateController {

    record CreateCertificate(String templateId, Recipient recipient, Map<String, JsonNode> fields, Instant expiresAt) {
    }

    record UpdateCertificate(String status) {
    }

    record RevokeCertificate(String reason) {
    }

    /** One certificate as GET shows it: with how often it has been viewed, shared and verified. */
    record CertificateWithAnalytics(@JsonUnwrapped Certificate certificate, CertificateAnalytics.Engagement analytics) {
    }

    private static final List<String> LISTABLE_STATUSES = List.of("issued", "suspended", "revoked", "expired", "superseded", "pending",
            "failed");

    private final CertificateIssuer issuer;
    private final CertificateStatusChanges statusChanges;
    private final Certificates certificates;
    private final Idempotency idempotency;
    private final CertificateAnalytics analytics;

    CertificateController(CertificateIssuer issuer, CertificateStatusChanges statusChanges, Certificates certificates,
                          Idempotency idempotency, CertificateAnalytics analytics) {
        this.analytics = analytics;
        this.issuer = issuer;
        this.statusChanges = statusChanges;
        this.certificates = certificates;
        this.idempotency = idempotency;
    }

    @PostMapping
    @RequiresScope(Scope.CERTIFICATES_WRITE)
    ResponseEntity<?> create(@RequestBody CreateCertificate body, HttpServletRequest request) {
        ApiKeyPrincipal caller = ApiKeyPrincipal.of(request);
        CertificateRequest issue = new CertificateRequest(null, caller.environment().value(), body.templateId(),
                body.recipient(), body.fields(), body.expiresAt(), null, null, null, List.of(), null, false);
        return idempotency.run(request, body,
                () -> ResponseEntity.status(HttpStatus.CREATED).body(issuer.issue(issue)));
    }

    @GetMapping("/{id}")
    @RequiresScope(Scope.CERTIFICATES_READ)
    CertificateWithAnalytics get(@PathVariable String id, HttpServletRequest request) {
        Certificate certificate = certificates.find(id, ApiKeyPrincipal.of(request).environment())
                .orElseThrow(() -> new NotFound("certificate", id));
        return new CertificateWithAnalytics(certificate, analytics.of(id));
    }

    @GetMapping
    @RequiresScope(Scope.CERTIFICATES_READ)
    Page<Certificate> list(@RequestParam(required = false) String status,
                           @RequestParam(name = "template_id", required = false) String templateId,
                           @RequestParam(name = "recipient_email", required = false) String recipientEmail,
                           @RequestParam(required = false) Integer limit,
                           @RequestParam(name = "starting_after", required = false) String startingAfter,
                           HttpServletRequest request) {
        QueryParameters.oneOf(status, LISTABLE_STATUSES, "status");
        int size = Page.checkedLimit(limit);
        var filter = new Certificates.Filter(ApiKeyPrincipal.of(request).environment(), status, templateId,
                recipientEmail, null);
        return Page.of(certificates.list(filter, size + 1, startingAfter), size, Certificate::id);
    }

    @PatchMapping("/{id}")
    @RequiresScope(Scope.CERTIFICATES_WRITE)
    Certificate update(@PathVariable String id, @RequestBody UpdateCertificate body, HttpServletRequest request) {
        if (!"suspended".equals(body.status()) && !"issued".equals(body.status())) {
            throw new ValidationFailed("status", "must be suspended or issued");
        }
        return statusChanges.setStatus(id, ApiKeyPrincipal.of(request).environment(), body.status());
    }

    @PostMapping("/{id}/revoke")
    @RequiresScope(Scope.CERTIFICATES_REVOKE)
    ResponseEntity<?> revoke(@PathVariable String id, @RequestBody(required = false) RevokeCertificate body,
                             HttpServletRequest request) {
        RevokeCertificate revocation = body == null ? new RevokeCertificate(null) : body;
        if (revocation.reason() != null && revocation.reason().length() > 1000) {
            throw new ValidationFailed("reason", "is longer than 1000 characters");
        }
        return idempotency.run(request, revocation, () -> ResponseEntity.ok(
                statusChanges.revoke(id, ApiKeyPrincipal.of(request).environment(), revocation.reason())));
    }
}
