package io.certbridge.vault;

import java.time.Instant;

/**
 * A bulk upload as the API shows it: {@code status} is processing while any of its entries is, then completed;
 * {@code counts} has how many entries have each status.
 */
public record VaultBatch(String id, String object, boolean livemode, String status, String templateId, int total,
                         Counts counts, Instant createdAt) {

    public record Counts(int processing, int approved, int failed) {
    }
}
