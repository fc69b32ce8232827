package io.certbridge.emulator.truescreen;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * One certification as TrueScreen keeps it. Its outcome is set once, when processing ends; read it under the
 * emulator's monitor.
 *
 * @param mode       {@code hash} or {@code file}
 * @param files      what was certified, in the order sent or registered
 * @param metadata   the request's {@code metadata} object, or null
 * @param webhookUrl the request's {@code webhook_url}, or null
 */
public record Certification(String reportId, String mode, String title, List<CertifiedFile> files,
                            ObjectNode metadata, boolean generatePdfReport, String webhookUrl, Instant createdAt,
                            Outcome outcome) {

    /**
     * One certified file: its name and lower-case hex SHA-256; for file certifications also the uploaded bytes,
     * their Content-Type and the optional {@code creation_datetime}.
     */
    public record CertifiedFile(String fileName, String sha256, String contentType, byte[] content,
                                String creationDatetime) {
    }

    /** How processing ended; {@code status} stays {@code pending} until then. */
    public static final class Outcome {
        private String status = "pending";
        private Instant finishedAt;

        public synchronized String status() {
            return status;
        }

        public synchronized Instant finishedAt() {
            return finishedAt;
        }

        synchronized void finish(boolean failed, Instant at) {
            status = failed ? "error" : "completed";
            finishedAt = at;
        }
    }

    public String status() {
        return outcome.status();
    }

    /** Credits it cost: one per hash or file. */
    public int credits() {
        return files.size();
    }
}
