package io.certbridge.delivery;

import java.time.Instant;

/**
 * An attempt's outcome as recorded: {@code status} is what became of the delivery (delivered, pending again,
 * failed), and {@code nextAttempt} when it is tried again, if it is.
 */
public record Recorded(Delivery delivery, Outcome outcome, Instant attemptedAt, String status, Instant nextAttempt) {

    public boolean givenUp() {
        return "failed".equals(status);
    }

    Recorded withStatus(String actual) {
        return new Recorded(delivery, outcome, attemptedAt, actual, "pending".equals(actual) ? nextAttempt : null);
    }
}
