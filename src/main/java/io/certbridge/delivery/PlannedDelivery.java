package io.certbridge.delivery;

import io.certbridge.shared.Environment;
import java.util.Map;

/**
 * A delivery a certificate event asks for. {@code key} names what it is for, so that it exists once; a later event
 * with the same key sends it again. {@code payload} is what it carries, when that is not its certificate's state
 * at the time of sending. {@code idPrefix} starts its id ({@code wb} for a write-back, {@code msg} for a webhook).
 */
public record PlannedDelivery(String key, String idPrefix, String connector, Environment environment,
                              String certificateId, String channel, Map<String, Object> target, String payload,
                              String eventId) {
}
