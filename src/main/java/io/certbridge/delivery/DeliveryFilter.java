package io.certbridge.delivery;

import io.certbridge.shared.Environment;
import java.time.Instant;
import java.util.Set;

/**
 * Which deliveries of an environment: of these connectors (all when null), in a status, of a certificate, of a
 * channel, created since a moment; each part null when it does not filter.
 */
public record DeliveryFilter(Environment environment, Set<String> connectors, String status, String certificateId,
                             String channel, Instant since) {
}
