package io.certbridge.hashcertification;

import io.certbridge.anchoring.HashAnchoring;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A completed certification's documents as its links serve them. The PDF report is made when it is first asked for
 * and kept: rendering is most of a completion's cost, and many clients only read the data. It says what the data
 * document says, which is kept from the moment of completion.
 */
@Component
class CertificationFiles {

    private final HashCertifications reports;
    private final HashAnchoring anchoring;
    private final CertificationDocuments documents;

    CertificationFiles(HashCertifications reports, HashAnchoring anchoring, CertificationDocuments documents) {
        this.reports = reports;
        this.anchoring = anchoring;
        this.documents = documents;
    }

    Optional<byte[]> file(String reportId, String type) {
        Optional<byte[]> kept = reports.document(reportId, type);
        if (kept.isPresent() || !type.equals("report")) {
            return kept;
        }
        return reports.find(reportId).filter(report -> report.completed() && report.pdfReport()).map(report -> {
            byte[] data = reports.document(reportId, "data").orElseThrow();
            byte[] pdf = documents.report(report, anchoring.proofs(reportId), report.completedAt(), data);
            reports.keepReport(reportId, pdf);
            return pdf;
        });
    }
}
