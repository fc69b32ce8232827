package io.certbridge.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a connector's failed deliveries are tried again: after the n-th failed attempt, the n-th delay of
 * {@code schedule}, or without a schedule an exponential back-off from {@code firstBackoff} capped at
 * {@code maxBackoff}; give or take a tenth, so that many retries do not arrive together. Only the results in
 * {@code retryOn} are tried again, and none after {@code maxAttempts} attempts (by default one more than the schedule
 * has delays).
 */
public record RetryPolicy(List<Duration> schedule, Duration firstBackoff, Duration maxBackoff, Integer maxAttempts,
                          Set<Result> retryOn) {

    static final Set<Result> PASSING = EnumSet.of(Result.UNREACHABLE, Result.SERVER_ERROR, Result.THROTTLED,
            Result.BUSY);

    public RetryPolicy {
        schedule = schedule == null ? List.of() : List.copyOf(schedule);
        firstBackoff = firstBackoff == null ? Duration.ofSeconds(2) : firstBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(10) : maxBackoff;
        retryOn = retryOn == null ? PASSING : Set.copyOf(retryOn);
        if (maxAttempts != null && maxAttempts < 1) {
            throw new IllegalArgumentException("max-attempts must be at least 1, not " + maxAttempts);
        }
        if (firstBackoff.isNegative() || firstBackoff.isZero() || maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("first-backoff must be positive and max-backoff at least as long, not "
                    + firstBackoff + " and " + maxBackoff);
        }
        if (schedule.stream().anyMatch(delay -> delay.isNegative() || delay.isZero())) {
            throw new IllegalArgumentException("every delay of the schedule must be positive: " + schedule);
        }
        if (retryOn.contains(Result.DELIVERED)) {
            throw new IllegalArgumentException("retry-on lists failures; delivered is not one");
        }
    }

    public int attemptLimit() {
        if (maxAttempts != null) {
            return maxAttempts;
        }
        return schedule.isEmpty() ? 8 : schedule.size() + 1;
    }

    /** When to try again after failed attempt {@code attempt} (from 1) came to {@code result}; empty for never. */
    public Optional<Instant> next(int attempt, Result result, Instant now) {
        if (!retryOn.contains(result) || attempt >= attemptLimit()) {
            return Optional.empty();
        }
        long delay = schedule.isEmpty()
                ? Math.min(maxBackoff.toMillis(), firstBackoff.toMillis() << Math.min(attempt - 1, 30))
                : schedule.get(Math.min(attempt, schedule.size()) - 1).toMillis();
        long jitter = delay / 10;
        return Optional.of(now.plusMillis(delay
                + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1))));
    }
}
