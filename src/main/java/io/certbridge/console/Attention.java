package io.certbridge.console;

import io.certbridge.delivery.DeliveryFilter;
import io.certbridge.delivery.DeliveryQueue;
import io.certbridge.delivery.DeliveryView;
import io.certbridge.intake.IntakeEventStore;
import io.certbridge.issuers.IssuerPauses;
import io.certbridge.issuers.IssuerSettings;
import io.certbridge.shared.Environment;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** What needs someone's attention: dead letters by connector, intake events no rule took, paused issuers. */
@Component
class Attention {

    /** More than this many of a kind are shown as "100+". */
    static final int SHOWN = 100;

    record Count(int count, boolean more) {
        @Override
        public String toString() {
            return more ? SHOWN + "+" : Integer.toString(count);
        }
    }

    record Summary(Map<String, Count> failedDeliveries, Count unmatchedEvents, Count failedEvents,
                   List<String> pausedIssuers) {

        public boolean nothing() {
            return failedDeliveries.isEmpty() && unmatchedEvents.count() == 0 && failedEvents.count() == 0
                    && pausedIssuers.isEmpty();
        }
    }

    private final DeliveryQueue deliveries;
    private final IntakeEventStore intakeEvents;
    private final IssuerSettings issuers;
    private final IssuerPauses pauses;

    Attention(DeliveryQueue deliveries, IntakeEventStore intakeEvents, IssuerSettings issuers, IssuerPauses pauses) {
        this.deliveries = deliveries;
        this.intakeEvents = intakeEvents;
        this.issuers = issuers;
        this.pauses = pauses;
    }

    Summary now() {
        List<DeliveryView> failed = deliveries.list(
                new DeliveryFilter(Environment.LIVE, null, "failed", null, null, null), SHOWN + 1, null);
        Map<String, Count> byConnector = failed.stream().limit(SHOWN)
                .collect(Collectors.groupingBy(DeliveryView::connector, TreeMap::new, Collectors.counting()))
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                        e -> new Count(e.getValue().intValue(), failed.size() > SHOWN), (a, b) -> a, TreeMap::new));
        return new Summary(byConnector, events("unmatched"), events("failed"),
                issuers.issuers().keySet().stream().filter(name -> pauses.paused(name).isPresent()).sorted()
                        .toList());
    }

    private Count events(String status) {
        int n = intakeEvents.list(new IntakeEventStore.Filter(status, null), SHOWN + 1, null).size();
        return new Count(Math.min(n, SHOWN), n > SHOWN);
    }
}
