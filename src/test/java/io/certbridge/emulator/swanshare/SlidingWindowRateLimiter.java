package io.certbridge.emulator.swanshare;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * At most {@code limit} requests per key in any window of {@code window} (a sliding log, the strictest reading
 * of "120 requests / minute"). Refused requests do not count. Not thread-safe.
 */
final class SlidingWindowRateLimiter {

    private final Map<String, Deque<Long>> accepted = new HashMap<>();
    private int limit;
    private Duration window;

    SlidingWindowRateLimiter(int limit, Duration window) {
        configure(limit, window);
    }

    void configure(int limit, Duration window) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit needs a positive count and window");
        }
        this.limit = limit;
        this.window = window;
    }

    /** True, and counted, when the key may make one more request at {@code nanoTime}. */
    boolean tryAcquire(String key, long nanoTime) {
        Deque<Long> times = accepted.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!times.isEmpty() && nanoTime - times.peekFirst() >= window.toNanos()) {
            times.removeFirst();
        }
        if (times.size() >= limit) {
            return false;
        }
        times.addLast(nanoTime);
        return true;
    }

    int limit() {
        return limit;
    }

    Duration window() {
        return window;
    }

    void clear() {
        accepted.clear();
    }
}
