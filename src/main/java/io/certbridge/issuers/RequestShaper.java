package io.certbridge.issuers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Keeps each issuer account under its service's request limit, so that a steady load is shaped, not refused: the
 * calls of an account are spread at 95 % of its requests per minute, with a small burst, which stays below the limit
 * in any minute however the service counts it. What the service says of its own window
 * ({@code X-RateLimit-Remaining} and reset, or a 429 and when to come back) overrides that until the window ends.
 * One hub's share: hubs of a cluster each keep their own, and the service's headers bring them in line.
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
        return buckets.computeIfAbsent(issuer, name -> {
            int perMinute = settings.account(name).map(IssuerSettings.Account::requestsPerMinuteOrDefault).orElse(60);
            return new Bucket(perMinute * SHARE / 60.0, Math.max(1, perMinute / 25), clock.instant());
        });
    }

    private static final class Bucket {
        private final double perSecond;
        private final int burst;
        private double places;
        private Instant filledAt;
        private Instant blockedUntil = Instant.EPOCH;

        Bucket(double perSecond, int burst, Instant now) {
            this.perSecond = perSecond;
            this.burst = burst;
            this.places = 1;
            this.filledAt = now;
        }

        synchronized boolean tryTake(Instant now) {
            refill(now);
            if (now.isBefore(blockedUntil) || places < 1) {
                return false;
            }
            places -= 1;
            return true;
        }

        synchronized int available(Instant now) {
            refill(now);
            return now.isBefore(blockedUntil) ? 0 : (int) places;
        }

        synchronized Duration wait(Instant now) {
            refill(now);
            if (now.isBefore(blockedUntil)) {
                return Duration.between(now, blockedUntil);
            }
            return places >= 1 ? Duration.ZERO : Duration.ofMillis((long) Math.ceil((1 - places) / perSecond * 1000));
        }

        synchronized void blockUntil(Instant until) {
            if (until.isAfter(blockedUntil)) {
                blockedUntil = until;
                places = 0;
            }
        }

        private void refill(Instant now) {
            if (now.isAfter(filledAt)) {
                places = Math.min(burst, places + Duration.between(filledAt, now).toNanos() / 1e9 * perSecond);
                filledAt = now;
            }
        }
    }
}
