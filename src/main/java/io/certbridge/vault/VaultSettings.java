package io.certbridge.vault;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * certbridge.vault.*: the files the vault takes and how it works through its entries.
 *
 * @param maxFileBytes        larger files are refused with 413
 * @param pollIntervalMs      how often routes/vault-processing looks for entries to process
 * @param claimSize           entries one instance takes at a time
 * @param workers             entries processed at once by one instance (stamping a PDF takes a core)
 * @param lease               how long a claim holds: an instance that dies mid-entry leaves it to another after this
 * @param maxAttempts         claims of one entry before it fails (a file whose processing kills the hub every time)
 * @param pagesSearched       the pages of a PDF looked at for room for the stamp; none has room: a first page is added
 * @param unusedFileRetention how long an uploaded file no entry uses is kept
 */
@Validated
@ConfigurationProperties("certbridge.vault")
public record VaultSettings(@Positive long maxFileBytes, @Positive long pollIntervalMs, @Positive int claimSize,
                            @Positive int workers, @NotNull @DurationMin(seconds = 1) Duration lease,
                            @Positive int maxAttempts, @Positive int pagesSearched,
                            @NotNull @DurationMin(minutes = 1) Duration unusedFileRetention) {
}
