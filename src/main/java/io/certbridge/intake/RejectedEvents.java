package io.certbridge.intake;

import io.certbridge.backbone.DatabaseOutages;
import io.certbridge.intake.IntakeEventStore.Recorded;
import io.certbridge.intake.rules.RuleMatch;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Records an event that arrived but cannot be read as rejected, with why, so that it shows in
 * GET /v1/intake-events. It can issue nothing, so it is recorded straight away instead of going through
 * routes/intake-recording; a database outage is waited out, so it is not lost either.
 */
@Component
public class RejectedEvents {

    private final IntakeEventStore store;

    RejectedEvents(IntakeEventStore store) {
        this.store = store;
    }

    public void record(IntakeEvent event, String reason) throws InterruptedException {
        DatabaseOutages.retry(() -> store.insertNew(List.of(new Recorded(event, RuleMatch.rejected(reason)))));
    }
}
