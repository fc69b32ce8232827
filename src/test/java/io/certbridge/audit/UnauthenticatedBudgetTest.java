package io.certbridge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UnauthenticatedBudgetTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T21:00:10Z"));

    @Test
    void sixtyCallsWithoutAKeyPerAddressAndMinuteAreRecorded() {
        UnauthenticatedBudget budget = new UnauthenticatedBudget(clock);

        assertThat(IntStream.range(0, 60).allMatch(i -> budget.admits("192.0.2.1"))).isTrue();
        assertThat(budget.admits("192.0.2.1")).isFalse();
        assertThat(budget.admits("192.0.2.2")).as("another address").isTrue();

        clock.advance(Duration.ofSeconds(50));
        assertThat(budget.admits("192.0.2.1")).as("the next minute").isTrue();
    }
}
