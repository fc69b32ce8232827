package io.certbridge.issuers.swanshare;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * The calls to SwanShare this hub is making now, whose answers it has not recorded yet. A webhook naming credentials
 * the hub does not know while one is in flight may be that call's, told before its answer is recorded: it waits for
 * those calls to be recorded rather than look the credentials up one by one.
 */
@Component
class CallsInFlight {

    private record Call(String issuer, Instant until) {
    }

    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    private final Clock clock;

    CallsInFlight(Clock clock) {
        this.clock = clock;
    }

    /** A call begins; it counts as in flight for at most {@code lease}, however it ends. */
    void started(String issuer, String callId, Duration lease) {
        calls.put(callId, new Call(issuer, clock.instant().plus(lease)));
    }

    void ended(String callId) {
        calls.remove(callId);
    }

    /** Waits, at most {@code max}, until the calls of the issuer in flight now have ended (not those begun since). */
    void awaitEnded(String issuer, Duration max) throws InterruptedException {
        Set<String> now = inFlight(issuer);
        long deadline = System.nanoTime() + max.toNanos();
        while (now.stream().anyMatch(calls::containsKey) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private Set<String> inFlight(String issuer) {
        Instant now = clock.instant();
        calls.values().removeIf(call -> call.until().isBefore(now));
        return calls.entrySet().stream().filter(e -> e.getValue().issuer().equals(issuer)).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
