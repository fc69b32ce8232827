package io.certbridge.delivery;

import io.certbridge.shared.Environment;
import java.time.Instant;
import java.util.Map;

/**
 * A delivery claimed for sending: its connector, where it goes ({@code target}), what it carries ({@code payload},
 * or else its certificate, whose state now is what it writes), and how many attempts this one makes.
 * {@code certificateUrl} is where its certificate is verified when an outside service issued it, else null.
 */
public record Delivery(String id, String connector, Environment environment, String certificateId, String channel,
                       Map<String, Object> target, String payload, int attempt, int generation,
                       String certificateStatus, Instant certificateIssuedAt,
                       String certificateUrl) {

    /** A target value as text; null when the target has none. */
    public String text(String key) {
        Object value = target.get(key);
        return value == null ? null : value.toString();
    }

    public boolean livemode() {
        return environment == Environment.LIVE;
    }
}
