package io.certbridge.backbone;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * A health check that answers in time: probes and load balancers give up on a health endpoint that hangs, so a
 * part that does not answer within the bound is DOWN, and the check that hangs is left to finish on its own.
 */
public final class BoundedHealth {

    public static final Duration BOUND = Duration.ofMillis(800);

    private BoundedHealth() {
    }

    public static HealthIndicator of(HealthIndicator check) {
        return () -> {
            CompletableFuture<Health> health = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try {
                    health.complete(check.health());
                } catch (RuntimeException e) {
                    health.complete(Health.down().withDetail("error", e.getClass().getSimpleName()).build());
                }
            });
            try {
                return health.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                return Health.down().withDetail("error", "no answer within " + BOUND.toMillis() + " ms").build();
            } catch (Exception e) {
                return Health.down().withDetail("error", e.getClass().getSimpleName()).build();
            }
        };
    }
}
