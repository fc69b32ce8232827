package io.certbridge.backbone;

import java.time.Duration;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits out an outage of a system a flow cannot go past (the database, Kafka): the work is tried again,
 * with a back-off doubling up to 10 s, until it passes or the thread is interrupted because the hub stops.
 */
public final class Outages {

    private static final Logger log = LoggerFactory.getLogger(Outages.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    /** Work that may be interrupted. */
    public interface Work {
        void run() throws InterruptedException;
    }

    private Outages() {
    }

    /** Runs {@code work} until it passes; failures {@code isOutage} accepts are waited out, others thrown. */
    public static void waitOut(String system, Predicate<RuntimeException> isOutage, Work work)
            throws InterruptedException {
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                if (!isOutage.test(e)) {
                    throw e;
                }
                log.warn("{} is unavailable, retrying in {} ms: {}", system, backoff.toMillis(), e.getMessage());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }
}
