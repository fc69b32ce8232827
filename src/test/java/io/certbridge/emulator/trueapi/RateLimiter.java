package io.certbridge.emulator.trueapi;

import io.certbridge.emulator.EmulatorServer.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * TRUE's per-key request limit as a fixed window: a key's window opens with its first request and lasts
 * {@code window}; up to {@code limit} requests pass in it, and refused ones use up nothing. Not thread-safe.
 */
final class RateLimiter {

    /** The outcome for one request; {@code resetAt} is when the key's window ends. */
    record Decision(boolean allowed, int limit, int remaining, Instant resetAt, Instant now) {

        /** {@code X-RateLimit-Limit}, {@code -Remaining}, {@code -Reset} (epoch seconds, rounded up), and on 429 {@code Retry-After}. */
        Response withHeaders(Response response) {
            long reset = resetAt.getEpochSecond() + (resetAt.getNano() > 0 ? 1 : 0);
            Response answer = response.withHeader("X-RateLimit-Limit", Integer.toString(limit))
                    .withHeader("X-RateLimit-Remaining", Integer.toString(remaining))
                    .withHeader("X-RateLimit-Reset", Long.toString(reset));
            return allowed ? answer : answer.withHeader("Retry-After",
                    Long.toString(Math.max(1, reset - now.getEpochSecond())));
        }
    }

    private record Window(Instant end, int used) {
    }

    private final Map<String, Window> windows = new HashMap<>();
    private int limit;
    private Duration length;
    private int refused;

    RateLimiter(int limit, Duration length) {
        configure(limit, length);
    }

    /** A new limit; every key's window starts afresh. */
    void configure(int limit, Duration length) {
        if (limit < 1 || length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("limit and window must be positive");
        }
        this.limit = limit;
        this.length = length;
        windows.clear();
    }

    Decision take(String key, Instant now) {
        Window window = windows.get(key);
        if (window == null || !now.isBefore(window.end())) {
            window = new Window(now.plus(length), 0);
        }
        boolean allowed = window.used() < limit;
        if (allowed) {
            window = new Window(window.end(), window.used() + 1);
        } else {
            refused++;
        }
        windows.put(key, window);
        return new Decision(allowed, limit, limit - window.used(), window.end(), now);
    }

    int refused() {
        return refused;
    }

    void clear() {
        windows.clear();
        refused = 0;
    }
}
