package io.certbridge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class UnauthenticatedBudgetTest {

    private Instant now = Instant.parse("2026-12-07T21:00:10Z");

    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void sixtyCallsWithoutAKeyPerAddressAndMinuteAreRecorded() {
        UnauthenticatedBudget budget = new UnauthenticatedBudget(clock);

        assertThat(IntStream.range(0, 60).allMatch(i -> budget.admits("192.0.2.1"))).isTrue();
        assertThat(budget.admits("192.0.2.1")).isFalse();
        assertThat(budget.admits("192.0.2.2")).as("another address").isTrue();

        now = now.plusSeconds(50);
        assertThat(budget.admits("192.0.2.1")).as("the next minute").isTrue();
    }
}
