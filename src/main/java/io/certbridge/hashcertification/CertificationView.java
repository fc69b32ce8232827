package io.certbridge.hashcertification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A certification as TrueScreen's {@code GET /v1/certifications/{reportId}} shows it: {@code files} is empty while
 * pending, and holds presigned URLs of the data document and, unless the request declined it, the PDF report once
 * completed.
 */
record CertificationView(String reportId, String status, String title, Instant createdAt, Instant completedAt,
                         int fileCount, List<FileLink> files) {

    record FileLink(String type, String url) {
    }

    static CertificationView of(HashCertifications.Report report, SignedFileUrls urls) {
        List<FileLink> files = new ArrayList<>();
        if (report.completed()) {
            files.add(new FileLink("data", urls.url(report.id(), "data")));
            if (report.pdfReport()) {
                files.add(new FileLink("report", urls.url(report.id(), "report")));
            }
        }
        return new CertificationView(report.id(), report.status(), report.title(), report.createdAt(),
                report.completedAt(), report.fileCount(), files);
    }

    /** The answer to the creation request: what TrueScreen answers with 201. */
    record Created(String reportId, String status, String title, Instant createdAt) {

        static Created of(HashCertifications.Report report) {
            return new Created(report.id(), report.status(), report.title(), report.createdAt());
        }
    }
}
