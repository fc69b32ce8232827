package io.certbridge.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A count of requests per client address in fixed one-minute windows, in this instance's memory: ended windows are
 * dropped with the first request of a new minute, and all of them when too many addresses are held.
 */
public final class AddressWindows {

    /** More addresses than this in one minute and the windows start afresh, so that memory stays bounded. */
    static final int MAX_ADDRESSES = 100_000;

    private record Window(long start, int used) {
    }

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private final AtomicLong purgedAt = new AtomicLong(Long.MIN_VALUE);

    /** Counts one request from {@code address} at {@code now}; returns the requests of its window so far. */
    public int count(String address, Instant now) {
        long start = now.truncatedTo(ChronoUnit.MINUTES).getEpochSecond();
        purgeEndedWindows(start);
        return windows.compute(address, (a, previous) -> previous == null || previous.start() != start
                ? new Window(start, 1) : new Window(start, previous.used() + 1)).used();
    }

    private void purgeEndedWindows(long start) {
        long purged = purgedAt.get();
        if (purged != start && purgedAt.compareAndSet(purged, start)) {
            windows.values().removeIf(window -> window.start() != start);
        }
        if (windows.size() > MAX_ADDRESSES) {
            windows.clear();
        }
    }
}
