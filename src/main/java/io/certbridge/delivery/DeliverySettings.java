package io.certbridge.delivery;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * certbridge.deliveries.*: how often the engine looks for due deliveries, how long a claim holds, how many of a
 * connector's deliveries are claimed (and sent at once) per round, and how failures are retried: {@code retry} for
 * every connector, unless {@code connectors.<name>} gives its own batch size or retry policy.
 */
@ConfigurationProperties("certbridge.deliveries")
public record DeliverySettings(@DefaultValue("100") long pollIntervalMs, @DefaultValue("2m") Duration lease,
                               @DefaultValue("100") int batchSize, @DefaultValue RetryPolicy retry,
                               Map<String, ConnectorSettings> connectors) {

    public record ConnectorSettings(Integer batchSize, RetryPolicy retry) {
    }

    public DeliverySettings {
        connectors = connectors == null ? Map.of() : Map.copyOf(connectors);
        if (pollIntervalMs < 1 || batchSize < 1 || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("certbridge.deliveries: poll-interval-ms, batch-size and lease must be "
                    + "positive");
        }
        connectors.forEach((name, settings) -> {
            if (settings.batchSize() != null && settings.batchSize() < 1) {
                throw new IllegalArgumentException("certbridge.deliveries.connectors." + name
                        + ".batch-size must be positive");
            }
        });
    }

    public RetryPolicy retry(String connector) {
        ConnectorSettings own = connectors.get(connector);
        return own == null || own.retry() == null ? retry : own.retry();
    }

    public int batchSize(String connector) {
        ConnectorSettings own = connectors.get(connector);
        return own == null || own.batchSize() == null ? batchSize : own.batchSize();
    }
}
