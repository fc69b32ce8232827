package io.certbridge.delivery;

import java.time.Duration;

/**
 * One attempt of one delivery: what it came to, the answer's status code and time where there was one, and why it
 * failed in one line. {@code deliveredState} is the state the delivery wrote (a certificate's status), if it says one.
 */
public record Outcome(String deliveryId, Result result, Integer statusCode, Duration elapsed, String error,
                      String responseBody, String deliveredState) {

    private static final int MAX_ERROR = 500;

    public Outcome {
        if (error != null) {
            error = error.replaceAll("\\s+", " ").strip();
            error = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        }
    }

    public static Outcome delivered(Delivery delivery) {
        return new Outcome(delivery.id(), Result.DELIVERED, null, null, null, null, delivery.certificateStatus());
    }

    public static Outcome failed(Delivery delivery, Result result, String error) {
        return new Outcome(delivery.id(), result, null, null, error, null, null);
    }

    public boolean delivered() {
        return result == Result.DELIVERED;
    }
}
