package io.certbridge.vault;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.certbridge.shared.Environment;
import java.time.Instant;

/** A file uploaded to the vault, as the API shows it: never its content. */
public record VaultFile(String fileId, String object, boolean livemode, String sha256, String mediaType, long size,
                        Instant createdAt) {

    @JsonIgnore
    Environment environment() {
        return livemode ? Environment.LIVE : Environment.TEST;
    }
}
