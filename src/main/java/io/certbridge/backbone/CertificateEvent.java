package io.certbridge.backbone;

import java.time.Instant;

/** What the fan-out hears: {@code certificate.issued}, {@code certificate.revoked}, {@code batch.completed}, … */
public record CertificateEvent(String id, String type, Instant timestamp, Object data) {
}
