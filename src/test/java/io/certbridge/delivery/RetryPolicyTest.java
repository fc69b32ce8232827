package io.certbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** When a connector's failed delivery is tried again, as its policy in certbridge.deliveries says. */
class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void aScheduleGivesTheDelayBeforeEachNewTryGiveOrTakeATenthAndEndsAfterItsLastDelay() {
        RetryPolicy svix = new RetryPolicy(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5)), null, null, null,
                Set.of(Result.SERVER_ERROR, Result.REFUSED));

        assertThat(svix.attemptLimit()).isEqualTo(3);
        assertThat(svix.next(1, Result.SERVER_ERROR, NOW)).hasValueSatisfying(next ->
                assertThat(Duration.between(NOW, next)).isBetween(Duration.ofMillis(4500), Duration.ofMillis(5500)));
        assertThat(svix.next(2, Result.REFUSED, NOW)).hasValueSatisfying(next ->
                assertThat(Duration.between(NOW, next)).isBetween(Duration.ofSeconds(270), Duration.ofSeconds(330)));
        assertThat(svix.next(3, Result.SERVER_ERROR, NOW)).isEmpty();
    }

    @Test
    void withoutAScheduleTheBackOffDoublesUpToItsCeilingUntilTheLastAttempt() {
        RetryPolicy policy = new RetryPolicy(null, Duration.ofSeconds(2), Duration.ofSeconds(10), 5, null);

        assertThat(Duration.between(NOW, policy.next(1, Result.UNREACHABLE, NOW).orElseThrow()))
                .isBetween(Duration.ofMillis(1800), Duration.ofMillis(2200));
        assertThat(Duration.between(NOW, policy.next(3, Result.THROTTLED, NOW).orElseThrow()))
                .isBetween(Duration.ofMillis(7200), Duration.ofMillis(8800));
        assertThat(Duration.between(NOW, policy.next(4, Result.BUSY, NOW).orElseThrow()))
                .isBetween(Duration.ofSeconds(9), Duration.ofSeconds(11));
        assertThat(policy.next(5, Result.UNREACHABLE, NOW)).as("the fifth attempt was the last").isEmpty();
    }

    @Test
    void onlyTheResultsTheConnectorRetriesAreTriedAgain() {
        RetryPolicy byDefault = new RetryPolicy(null, null, null, null, null);

        assertThat(byDefault.next(1, Result.SERVER_ERROR, NOW)).isPresent();
        assertThat(byDefault.next(1, Result.THROTTLED, NOW)).isPresent();
        assertThat(byDefault.next(1, Result.REFUSED, NOW)).isEmpty();
        assertThat(byDefault.next(1, Result.GONE, NOW)).isEmpty();
        assertThat(byDefault.next(1, Result.INVALID, NOW)).isEmpty();
    }

    @Test
    void aPolicyThatCannotWorkIsRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> new RetryPolicy(null, null, null, 0, null)).hasMessageContaining("max-attempts");
        assertThatThrownBy(() -> new RetryPolicy(null, Duration.ofMinutes(5), Duration.ofMinutes(1), null, null))
                .hasMessageContaining("max-backoff");
        assertThatThrownBy(() -> new RetryPolicy(List.of(Duration.ZERO), null, null, null, null))
                .hasMessageContaining("schedule");
        assertThatThrownBy(() -> new RetryPolicy(null, null, null, null, Set.of(Result.DELIVERED)))
                .hasMessageContaining("retry-on");
    }
}
