package io.certbridge.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;

/**
 * When a message that was not delivered is tried again: after the n-th failed attempt, the n-th delay of the
 * schedule (by default about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, as Svix does), give or take a tenth,
 * so that the retries of many messages to one endpoint do not arrive together. Past the schedule, never.
 */
@Component
public class RetrySchedule {

    private final List<Duration> delays;

    public RetrySchedule(WebhookSettings settings) {
        this.delays = settings.retrySchedule();
    }

    /** When to try again after {@code failedAttempts} failures, or null when the schedule has run out. */
    public Instant after(int failedAttempts, Instant now) {
        if (failedAttempts > delays.size()) {
            return null;
        }
        long delay = delays.get(failedAttempts - 1).toMillis();
        long jitter = delay / 10;
        return now.plusMillis(delay + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1)));
    }
}
