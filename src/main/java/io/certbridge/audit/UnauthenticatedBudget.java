package io.certbridge.audit;

import io.certbridge.api.AddressWindows;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * How many calls without a known key the audit log records per client address and minute. Anyone can send those,
 * and no key's rate limit holds them back; each would otherwise be a row kept for the whole retention. Past the
 * budget an address's such calls go unrecorded until the next minute. Counted in this instance's memory.
 */
@Component
class UnauthenticatedBudget {

    static final int PER_ADDRESS_AND_MINUTE = 60;

    private final Clock clock;
    private final AddressWindows windows = new AddressWindows();

    UnauthenticatedBudget(Clock clock) {
        this.clock = clock;
    }

    boolean admits(String address) {
        return windows.count(address, clock.instant()) <= PER_ADDRESS_AND_MINUTE;
    }
}
