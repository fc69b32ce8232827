package io.certbridge.delivery;

import io.certbridge.shared.Environment;
import java.time.Instant;
import java.util.Map;

/** Deliveries as the engine claims them, for tests of connectors and policies. */
public final class Deliveries {

    private Deliveries() {
    }

    public static Delivery claimed(String connector, Map<String, Object> target) {
        return new Delivery("dlv_1", connector, Environment.LIVE, "cert_1", null, target, null, 1, 1, "issued",
                Instant.parse("2026-12-01T10:00:00Z"), null);
    }

    /** Whether the default policy (certbridge.deliveries.retry) tries this outcome's delivery again after attempt 1. */
    public static boolean retried(Outcome outcome) {
        return new RetryPolicy(null, null, null, null, null).next(1, outcome.result(), Instant.now()).isPresent();
    }
}
