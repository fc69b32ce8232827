package io.certbridge.emulator.vec;

import io.certbridge.emulator.EmulatorServer.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Laravel's {@code throttle} middleware per API token: a window opens at a token's first request and admits
 * {@code limit} requests; every answer carries {@code X-RateLimit-Limit} and {@code X-RateLimit-Remaining}, and a
 * request over the limit gets 429 {@code {"message": "Too Many Attempts."}} with {@code Retry-After} (seconds) and
 * {@code X-RateLimit-Reset} (epoch seconds), and does not count. Used under the emulator's monitor.
 */
final class RateLimiter {

    private record Window(Instant resetAt, int hits) {
    }

    private final Map<String, Window> windows = new HashMap<>();
    private int limit = 60;
    private Duration window = Duration.ofMinutes(1);
    private int refused;

    void configure(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
        windows.clear();
    }

    /** Counts a request of the token: {@code null} if admitted, else the 429 answer. */
    Response hit(String token, Instant now) {
        Window current = windows.get(token);
        if (current == null || !now.isBefore(current.resetAt())) {
            current = new Window(now.plus(window), 0);
        }
        if (current.hits() >= limit) {
            refused++;
            long retryAfter = Math.max(1, (Duration.between(now, current.resetAt()).toMillis() + 999) / 1000);
            return VaultJson.message(429, "Too Many Attempts.")
                    .withHeader("X-RateLimit-Limit", String.valueOf(limit))
                    .withHeader("X-RateLimit-Remaining", "0")
                    .withHeader("Retry-After", String.valueOf(retryAfter))
                    .withHeader("X-RateLimit-Reset", String.valueOf(current.resetAt().getEpochSecond()));
        }
        windows.put(token, new Window(current.resetAt(), current.hits() + 1));
        return null;
    }

    /** The answer with the token's limit headers added. */
    Response withHeaders(String token, Response response) {
        Window current = windows.get(token);
        int remaining = current == null ? limit : Math.max(0, limit - current.hits());
        return response.withHeader("X-RateLimit-Limit", String.valueOf(limit))
                .withHeader("X-RateLimit-Remaining", String.valueOf(remaining));
    }

    int refused() {
        return refused;
    }

    void clear() {
        windows.clear();
        refused = 0;
    }
}
