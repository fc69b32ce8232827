package io.certbridge.backbone;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * certbridge.outbox.*: how often routes/event-publishing relays the transactional outbox to Kafka, and how many
 * messages one transaction relays.
 */
@Validated
@ConfigurationProperties("certbridge.outbox")
public record OutboxSettings(@Positive long pollIntervalMs, @Positive int chunkSize) {
}
