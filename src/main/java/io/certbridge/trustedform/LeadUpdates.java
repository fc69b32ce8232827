package io.certbridge.trustedform;

import io.certbridge.delivery.DeliveryQueue;
import io.certbridge.delivery.PlannedDelivery;
import io.certbridge.shared.Environment;
import io.certbridge.shared.Json;
import io.certbridge.trustedform.TrustedFormSettings.LeadFields;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Plans the write-back of a retain's result to its Lead, a delivery of its own ({@link LeadUpdateConnector}): the
 * fields the channel names, set to whether the certificate is retained, until when, and the outcome
 * ({@code success}, {@code failure} when the lead did not match the certificate, {@code expired}, {@code refused}).
 * Keyed by the retain, so it is written once.
 */
@Component
class LeadUpdates {

    static final String SOBJECT = "Lead";

    private final DeliveryQueue deliveries;
    private final TrustedFormSettings settings;
    private final Json json;

    LeadUpdates(DeliveryQueue deliveries, TrustedFormSettings settings, Json json) {
        this.deliveries = deliveries;
        this.settings = settings;
        this.json = json;
    }

    /** Nothing when the event named no Lead, or the channel writes no field. */
    void plan(String retainId, String channel, String leadId, boolean retained, Instant expiresAt, String outcome) {
        LeadFields fields = settings.channel(channel).fields();
        Map<String, Object> values = new LinkedHashMap<>();
        put(values, fields.retained(), retained);
        put(values, fields.expiresAt(), expiresAt == null ? null : expiresAt.toString());
        put(values, fields.outcome(), outcome);
        if (leadId == null || values.isEmpty()) {
            return;
        }
        Map<String, Object> target = Map.of("sobject", SOBJECT, "record_id", leadId, "retain_id", retainId);
        deliveries.plan(List.of(new PlannedDelivery("trustedform/lead/" + retainId, "wb", LeadUpdateConnector.NAME,
                Environment.LIVE, null, null, target, json.write(values), retainId)));
    }

    private static void put(Map<String, Object> values, String field, Object value) {
        if (field != null && !field.isEmpty()) {
            values.put(field, value);
        }
    }
}
