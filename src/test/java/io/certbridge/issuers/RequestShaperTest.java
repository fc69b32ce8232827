package io.certbridge.issuers;

import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.support.MutableClock;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An account's calls as a service that counts them sees them: never more than its limit in any minute, however the
 * minutes are cut, a quiet account's burst sent at once, and nothing while the service said to wait.
 */
class RequestShaperTest {

    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final RequestShaper shaper = new RequestShaper(new IssuerSettings(Map.of("swan", new IssuerSettings.Account(
            "swanshare", URI.create("http://127.0.0.1:1/api"), "key", null, 120, null, null, null, null, null))),
            clock);

    @Test
    void aSteadyLoadAboveTheLimitIsSentAtNoMoreThanTheLimitInAnyMinute() {
        List<Instant> sent = new ArrayList<>();
        for (int tick = 0; tick < 3000; tick++) {
            clock.set(START.plusMillis(tick * 100L));
            if (shaper.tryAcquire("swan")) {
                sent.add(clock.instant());
            }
        }

        for (int offset = 0; offset < 300_000; offset += 1_000) {
            Instant from = START.plusMillis(offset);
            long inMinute = sent.stream().filter(t -> !t.isBefore(from) && t.isBefore(from.plusSeconds(60))).count();
            assertThat(inMinute).as("calls in the minute from %s", from).isLessThanOrEqualTo(120);
        }
        assertThat(sent).as("five minutes at 95 % of 120 a minute").hasSizeBetween(5 * 114 - 1, 5 * 114);
    }

    @Test
    void aQuietAccountSendsItsBurstAtOnceAndThenWaitsForTheMinute() {
        clock.set(START);
        int atOnce = 0;
        while (shaper.tryAcquire("swan")) {
            atOnce++;
        }

        assertThat(atOnce).isEqualTo(114);
        assertThat(shaper.nextPlace("swan")).isEqualTo(START.plusSeconds(60));
        clock.set(START.plusSeconds(60));
        assertThat(shaper.available("swan")).isEqualTo(114);
    }

    @Test
    void nothingIsSentUntilTheResetTheServiceNamed() {
        clock.set(START);
        shaper.observed("swan", 0, START.plusSeconds(20));

        assertThat(shaper.tryAcquire("swan")).isFalse();
        assertThat(shaper.nextPlace("swan")).isEqualTo(START.plusSeconds(20));
        clock.set(START.plusSeconds(20));
        assertThat(shaper.tryAcquire("swan")).isTrue();

        shaper.throttled("swan", START.plusSeconds(50));
        clock.set(START.plusSeconds(49));
        assertThat(shaper.available("swan")).isZero();
        shaper.observed("swan", 7, START.plusSeconds(80));
        assertThat(shaper.tryAcquire("swan")).as("a window with calls left does not lift a 429").isFalse();
    }
}
