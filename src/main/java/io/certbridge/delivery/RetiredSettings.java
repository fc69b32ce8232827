package io.certbridge.delivery;

import java.util.List;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with a setting of the queues the delivery engine replaced, naming the one that took its place:
 * silently ignored, it would leave a hub retrying on a policy its operator did not choose.
 */
@Component
class RetiredSettings {

    private static final Map<String, String> REPLACED_BY = Map.ofEntries(
            Map.entry("certbridge.writeback.max-attempts", "certbridge.deliveries.retry.max-attempts"),
            Map.entry("certbridge.writeback.first-backoff", "certbridge.deliveries.retry.first-backoff"),
            Map.entry("certbridge.writeback.max-backoff", "certbridge.deliveries.retry.max-backoff"),
            Map.entry("certbridge.writeback.batch-size", "certbridge.deliveries.batch-size"),
            Map.entry("certbridge.writeback.concurrency", "certbridge.deliveries.connectors.<name>.batch-size"),
            Map.entry("certbridge.writeback.lease", "certbridge.deliveries.lease"),
            Map.entry("certbridge.writeback.poll-interval-ms", "certbridge.deliveries.poll-interval-ms"),
            Map.entry("certbridge.webhooks.retry-schedule",
                    "certbridge.deliveries.connectors.customer-webhook-sink.retry.schedule"),
            Map.entry("certbridge.webhooks.dispatch-batch",
                    "certbridge.deliveries.connectors.customer-webhook-sink.batch-size"),
            Map.entry("certbridge.webhooks.poll-interval-ms", "certbridge.deliveries.poll-interval-ms"));

    RetiredSettings(Environment environment) {
        List<String> set = REPLACED_BY.keySet().stream().filter(environment::containsProperty).sorted().toList();
        if (!set.isEmpty()) {
            throw new IllegalStateException(String.join("; ", set.stream()
                    .map(key -> key + " is no longer read: set " + REPLACED_BY.get(key) + " instead").toList())
                    + " (see README, \"Deliveries\")");
        }
    }
}
