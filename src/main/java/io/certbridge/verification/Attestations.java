package io.certbridge.verification;

import java.time.Instant;
import java.util.List;

/**
 * What outside services attest of a certificate (a TrueScreen certification of its PDF and credential), for the
 * public verification page: who, their reference, and when it was completed. Never anything behind an API key.
 */
public interface Attestations {

    record Attestation(String by, String reference, String status, Instant completedAt) {
    }

    List<Attestation> of(String certificateId);
}
