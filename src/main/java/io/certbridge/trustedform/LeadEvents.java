package io.certbridge.trustedform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.intake.JsonPaths;
import io.certbridge.trustedform.TrustedFormSettings.Channel;
import java.io.IOException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads a Lead's certificate out of a Salesforce event as camel-salesforce hands it over, the whole Bayeux message
 * ({@code {data: {schema, payload, event: {EventUuid?, replayId}}, channel}}), by the channel's JSONPath expressions
 * over {@code data.payload}. A platform event has an EventUuid; a change event has none and is named by its
 * transaction key and sequence number.
 */
@Component
class LeadEvents {

    private final ObjectMapper mapper;

    LeadEvents(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The Lead's certificate; empty when the event carries no certificate URL (a change of other fields). */
    Optional<LeadCertificate> read(Channel channel, String message) {
        JsonNode data;
        try {
            data = mapper.readTree(message).path("data");
        } catch (IOException e) {
            throw new Unreadable("The message is not JSON");
        }
        JsonNode payload = data.path("payload");
        if (!payload.isObject()) {
            throw new Unreadable("The event's data.payload is not an object");
        }
        String eventId = JsonPaths.field(data, "event", "EventUuid").orElseGet(() -> changeEventId(payload));
        return JsonPaths.text(payload, channel.certificateUrl()).map(String::strip).map(url -> new LeadCertificate(
                channel.name(), eventId, JsonPaths.text(payload, channel.leadId()).orElse(null), url,
                JsonPaths.text(payload, channel.vendor()).orElse(null),
                JsonPaths.text(payload, channel.email()).orElse(null),
                JsonPaths.text(payload, channel.phone()).orElse(null)));
    }

    private static String changeEventId(JsonNode payload) {
        return JsonPaths.field(payload, "ChangeEventHeader", "transactionKey")
                .map(key -> key + "/" + payload.path("ChangeEventHeader").path("sequenceNumber").asText())
                .orElse(null);
    }

    /** Why an event cannot be read. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }
}
