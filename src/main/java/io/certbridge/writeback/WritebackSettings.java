package io.certbridge.writeback;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * certbridge.writeback.*: how many write-backs are claimed and sent at once, and how a failing one is retried
 * (exponential back-off from {@code firstBackoff}, with jitter, up to {@code maxAttempts} tries).
 */
@ConfigurationProperties("certbridge.writeback")
public record WritebackSettings(@DefaultValue("100") int batchSize, @DefaultValue("16") int concurrency, @DefaultValue("8") int maxAttempts,
                                @DefaultValue("2s") Duration firstBackoff, @DefaultValue("10m") Duration maxBackoff,
                                @DefaultValue("2m") Duration lease) {
}
