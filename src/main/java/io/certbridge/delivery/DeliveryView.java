package io.certbridge.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A delivery as the API shows it, with its attempt log when asked for. */
public record DeliveryView(String id, String object, String connector, boolean livemode, String certificateId,
                           Map<String, Object> target, String status, int attempts, Instant nextAttemptAt,
                           String deliveredState, String lastError, Instant createdAt, Instant updatedAt,
                           List<Attempt> attemptLog) {

    public record Attempt(Instant attemptedAt, String outcome, Integer statusCode, Integer responseMs, String error) {
    }
}
