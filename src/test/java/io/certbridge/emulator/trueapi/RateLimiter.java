package io.certbridge.emulator.trueapi;

import io.certbridge.emulator.EmulatorServer.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * TRUE's per-key request limit as a fixed window: a key's window opens with its first request and lasts
 * {@code window} (a minute); up to {@code limit} requests pass in it. Refused requests use up nothing.
 * Not thread-safe.
 */
final class RateLimiter {

    /** The outcome for one request, and the headers that tell the client. */
    record Decision(boolean allowed, int limit, int remaining, Instant resetAt, Instant now) {

        /** {@code X-RateLimit-Limit}, {@code -Remaining} and {@code -Reset} (Unix epoch seconds, rounded up). */
        Response withHeaders(Response response) {
            Response answer = response
                    .withHeader("X-RateLimit-Limit", Integer.toString(limit))
                    .withHeader("X-RateLimit-Remaining", Integer.toString(remaining))
                    .withHeader("X-RateLimit-Reset", Long.toString(ceilSeconds(resetAt)));
            if (!allowed) {
                long wait = Math.max(1, ceilSeconds(resetAt) - now.getEpochSecond());
                answer = answer.withHeader("Retry-After", Long.toString(wait));
            }
            return answer;
        }

        private static long ceilSeconds(Instant at) {
            return at.getEpochSecond() + (at.getNano() > 0 ? 1 : 0);
        }
    }

    private static final class Window {
        Instant end;
        int used;
    }

    private final Map<String, Window> windows = new HashMap<>();
    private int limit;
    private Duration window;
    private int refused;

    RateLimiter(int limit, Duration window) {
        configure(limit, window);
    }

    void configure(int limit, Duration window) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("limit and window must be positive");
        }
        this.limit = limit;
        this.window = window;
        windows.clear();
    }

    Decision take(String key, Instant now) {
        Window current = windows.computeIfAbsent(key, k -> new Window());
        if (current.end == null || !now.isBefore(current.end)) {
            current.end = now.plus(window);
            current.used = 0;
        }
        boolean allowed = current.used < limit;
        if (allowed) {
            current.used++;
        } else {
            refused++;
        }
        return new Decision(allowed, limit, limit - current.used, current.end, now);
    }

    int refused() {
        return refused;
    }

    void clear() {
        windows.clear();
        refused = 0;
    }
}
