package io.certbridge.intake;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps accepted events for certbridge.intake.retention (90 days by default), then forgets them: they
 * hold learners' names and addresses. A delivery repeated after that is recorded again, and issues
 * nothing new under a rule that issues once per learner and course.
 */
@Component
public class IntakeRetention {

    private static final Logger log = LoggerFactory.getLogger(IntakeRetention.class);

    private final IntakeEventStore store;
    private final IntakeSettings settings;
    private final Clock clock;

    IntakeRetention(IntakeEventStore store, IntakeSettings settings, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    public void purgeExpired() {
        int purged = store.purgeReceivedBefore(clock.instant().minus(settings.retention()));
        if (purged > 0) {
            log.info("Forgot {} intake events received more than {} ago", purged, settings.retention());
        }
    }
}
