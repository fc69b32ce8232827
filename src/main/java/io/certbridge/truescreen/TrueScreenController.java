package io.certbridge.truescreen;

import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.issuance.Certificates;
import io.certbridge.shared.problems.NotFound;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A certificate's TrueScreen certifications ({@code GET /v1/certificates/{id}/certifications}) with their kept
 * artifacts, each served by the hub; and resuming an account paused for credits.
 */
@RestController
class TrueScreenController {

    record ArtifactView(String type, String mediaType, int size, String downloadPath) {
    }

    record CertificationView(String object, String reportId, String account, String mode, String status,
                             String error, Instant createdAt, Instant completedAt, List<ArtifactView> artifacts) {
    }

    record CertificationList(String object, List<CertificationView> data) {
    }

    record AccountStatus(String object, String account, boolean paused, String reason, Instant pausedAt) {
    }

    private final Certificates certificates;
    private final Certifications certifications;
    private final TrueScreenSettings settings;
    private final TrueScreenPauses pauses;

    TrueScreenController(Certificates certificates, Certifications certifications, TrueScreenSettings settings,
                         TrueScreenPauses pauses) {
        this.certificates = certificates;
        this.certifications = certifications;
        this.settings = settings;
        this.pauses = pauses;
    }

    @GetMapping(path = "/v1/certificates/{id}/certifications", produces = "application/json")
    @RequiresScope(Scope.CERTIFICATES_READ)
    CertificationList list(@PathVariable String id, HttpServletRequest request) {
        certificates.find(id, ApiKeyPrincipal.of(request).environment())
                .orElseThrow(() -> new NotFound("certificate", id));
        return new CertificationList("list", views(id));
    }

    /** The certificate's certifications as the API and the verification page show them. */
    List<CertificationView> views(String certificateId) {
        return certifications.ofCertificateAll(certificateId).stream().map(row -> new CertificationView(
                "truescreen_certification", row.reportId(), row.account(), row.mode(), row.status(), row.error(),
                row.createdAt(), row.completedAt(), certifications.artifacts(row.reportId()).stream()
                        .map(a -> new ArtifactView(a.type(), a.mediaType(), a.size(), "/v1/certificates/"
                                + certificateId + "/certifications/" + row.reportId() + "/artifacts/" + a.type()))
                        .toList())).toList();
    }

    @GetMapping("/v1/certificates/{id}/certifications/{reportId}/artifacts/{type}")
    @RequiresScope(Scope.CERTIFICATES_READ)
    ResponseEntity<byte[]> artifact(@PathVariable String id, @PathVariable String reportId, @PathVariable String type,
                                    HttpServletRequest request) {
        certificates.find(id, ApiKeyPrincipal.of(request).environment())
                .orElseThrow(() -> new NotFound("certificate", id));
        Certifications.Content content = certifications.artifact(id, reportId, type)
                .orElseThrow(() -> new NotFound("truescreen_artifact", reportId + "/" + type));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(content.mediaType()))
                .body(content.content());
    }

    /** Sends the account's waiting certifications again, once credits are bought; answers its status after. */
    @PostMapping(path = "/v1/truescreen/{name}/resume", produces = "application/json")
    @RequiresScope(Scope.DELIVERIES_MANAGE)
    AccountStatus resume(@PathVariable String name) {
        settings.account(name).orElseThrow(() -> new NotFound("truescreen_account", name));
        pauses.resume(name);
        return pauses.paused(name).map(p -> new AccountStatus("truescreen_account", name, true, p.reason(),
                p.pausedAt())).orElse(new AccountStatus("truescreen_account", name, false, null, null));
    }
}
