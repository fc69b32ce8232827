package io.certbridge.webhooks;

import io.certbridge.delivery.PlannedDelivery;
import io.certbridge.shared.Environment;
import io.certbridge.shared.net.SsrfGuard;
import java.util.Map;

/**
 * Callbacks to a URL a request gave rather than a registered endpoint (a hash certification's {@code webhook_url}):
 * sent as customers' webhooks are, on their retry policy, signed with certbridge.webhooks.callback-secret. The URL
 * must have passed {@link SsrfGuard#checkUrl} when it was given; the guarded client checks it again on every call.
 */
public final class Callbacks {

    private Callbacks() {
    }

    /** A callback planned once for {@code key}, carrying {@code body} (a Standard Webhooks envelope). */
    public static PlannedDelivery planned(String key, String url, String eventType, String body, String eventId) {
        return new PlannedDelivery("callback/" + key, "msg", CustomerWebhookConnector.NAME, Environment.LIVE, null,
                null, Map.of("callback_url", url, "event_type", eventType), body, eventId);
    }
}
