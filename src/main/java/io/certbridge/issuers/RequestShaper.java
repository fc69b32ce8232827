package io.certbridge.issuers;

import java.time.Clock;
import java.util.ArrayDeque;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Keeps each issuer account under its service's request limit, so that a steady load is shaped, not refused: an
 * account sends at most 95 % of its requests per minute in any 60 seconds (a log of its last minute's calls), which
 * keeps under the limit whether the service counts in fixed windows or sliding ones, and lets a quiet account send a
 * burst at once. What the service says of its own window ({@code X-RateLimit-Remaining} at zero and its reset, or a
 * 429 and when to come back) stops the account until then. One hub's share: hubs of a cluster each keep their own
 * log, and the service's headers bring them in line.
 */
@Component
public class RequestShaper {

    private static final double SHARE = 0.95;

    private final IssuerSettings settings;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RequestShaper(IssuerSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Takes a request's place now if there is one. */
    public boolean tryAcquire(String issuer) {
        return bucket(issuer).tryTake(clock.instant());
    }

    /** Waits for a place: for the calls made outside the delivery rounds (polls, downloads, look-ups). */
    public void acquire(String issuer) throws InterruptedException {
        Bucket bucket = bucket(issuer);
        while (!bucket.tryTake(clock.instant())) {
            Thread.sleep(Math.max(5, bucket.wait(clock.instant()).toMillis()));
        }
    }

    /** The places there are now, for a round to take no more deliveries than it can send. */
    public int available(String issuer) {
        return bucket(issuer).available(clock.instant());
    }

    /** What the service said of its window: no more calls than it has left until it resets. */
    public void observed(String issuer, int remaining, Instant resetAt) {
        if (remaining <= 0 && resetAt != null) {
            bucket(issuer).blockUntil(resetAt);
        }
    }

    /** The service refused a call for its rate (429): nothing more until {@code until}. */
    public void throttled(String issuer, Instant until) {
        bucket(issuer).blockUntil(until);
    }

    /** When the account's next place comes: now if it has one. */
    public Instant nextPlace(String issuer) {
        Instant now = clock.instant();
        return now.plus(bucket(issuer).wait(now));
    }

    private Bucket bucket(String issuer) {
        return buckets.computeIfAbsent(issuer, name -> new Bucket(Math.max(1, (int) Math.floor(
                settings.account(name).map(IssuerSettings.Account::requestsPerMinuteOrDefault).orElse(60) * SHARE))));
    }

    /** The calls of the last minute, and until when the service asked for none. */
    private static final class Bucket {
        private static final Duration WINDOW = Duration.ofMinutes(1);

        private final int perWindow;
        private final ArrayDeque<Instant> sent = new ArrayDeque<>();
        private Instant blockedUntil = Instant.EPOCH;

        Bucket(int perWindow) {
            this.perWindow = perWindow;
        }

        synchronized boolean tryTake(Instant now) {
            forget(now);
            if (now.isBefore(blockedUntil) || sent.size() >= perWindow) {
                return false;
            }
            sent.addLast(now);
            return true;
        }

        synchronized int available(Instant now) {
            forget(now);
            return now.isBefore(blockedUntil) ? 0 : perWindow - sent.size();
        }

        synchronized Duration wait(Instant now) {
            forget(now);
            if (now.isBefore(blockedUntil)) {
                return Duration.between(now, blockedUntil);
            }
            return sent.size() < perWindow ? Duration.ZERO : Duration.between(now, sent.peekFirst().plus(WINDOW));
        }

        synchronized void blockUntil(Instant until) {
            if (until.isAfter(blockedUntil)) {
                blockedUntil = until;
            }
        }

        private void forget(Instant now) {
            while (!sent.isEmpty() && !sent.peekFirst().plus(WINDOW).isAfter(now)) {
                sent.removeFirst();
            }
        }
    }
}
