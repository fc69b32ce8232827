package io.certbridge.issuers;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Has each account's tracker look at the service when the account's poll interval has passed. */
@Component("issuerTracking")
public class IssuerTracking {

    private static final Logger log = LoggerFactory.getLogger(IssuerTracking.class);

    private final IssuerSettings settings;
    private final List<IssuerTracker> trackers;
    private final Clock clock;
    private final Map<String, Instant> lastLooked = new ConcurrentHashMap<>();

    IssuerTracking(IssuerSettings settings, List<IssuerTracker> trackers, Clock clock) {
        this.settings = settings;
        this.trackers = trackers;
        this.clock = clock;
    }

    public void track() throws InterruptedException {
        for (var entry : settings.issuers().entrySet()) {
            String name = entry.getKey();
            IssuerSettings.Account account = entry.getValue();
            Instant now = clock.instant();
            Instant last = lastLooked.get(name);
            if (last != null && now.isBefore(last.plus(account.pollIntervalOrDefault()))) {
                continue;
            }
            lastLooked.put(name, now);
            for (IssuerTracker tracker : trackers) {
                if (tracker.type() == account.issuerType()) {
                    try {
                        tracker.track(name, account);
                    } catch (RuntimeException e) {
                        log.warn("Following the work of issuer {} failed: {}; looked at again in {}", name,
                                e.getMessage(), account.pollIntervalOrDefault());
                    }
                }
            }
        }
    }
}
