package io.certbridge.vault;

import java.time.Instant;

/** A file uploaded to the vault, as the API shows it: never its content. */
public record VaultFile(String fileId, String object, boolean livemode, String sha256, String mediaType, long size,
                        Instant createdAt) {
}
