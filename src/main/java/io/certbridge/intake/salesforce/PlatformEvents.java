package io.certbridge.intake.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.certbridge.intake.IntakeEvent;
import io.certbridge.intake.IntakeEvent.Course;
import io.certbridge.intake.IntakeEvent.Learner;
import io.certbridge.intake.IntakeEventFactory;
import io.certbridge.intake.JsonPaths;
import io.certbridge.salesforce.SalesforceSettings.Channel;
import java.io.IOException;
import org.springframework.stereotype.Component;

/**
 * Reads a platform event as the Streaming API delivers it: camel-salesforce, with rawPayload, hands over
 * the whole Bayeux message ({@code {data: {schema, payload, event: {EventUuid, replayId}}, channel}}).
 * EventUuid is the event's id, the same on every replay; the learner is a Contact, found with the
 * course where the channel's JSONPath expressions say. The event kept is the message's {@code data}.
 */
@Component
public class PlatformEvents {

    public static final String SOURCE = "salesforce";

    private final ObjectMapper mapper;
    private final IntakeEventFactory events;

    PlatformEvents(ObjectMapper mapper, IntakeEventFactory events) {
        this.mapper = mapper;
        this.events = events;
    }

    /** The event; throws {@link Unreadable} for one without an id, a payload object or a Contact. */
    IntakeEvent read(Channel channel, String message) {
        JsonNode data = data(message);
        JsonNode payload = data.path("payload");
        String uuid = JsonPaths.text(data, "$.event.EventUuid")
                .orElseThrow(() -> new Unreadable("The event has no data.event.EventUuid"));
        if (!payload.isObject()) {
            throw new Unreadable("The event's data.payload is not an object");
        }
        Learner learner = new Learner(JsonPaths.text(payload, channel.learnerId())
                .orElseThrow(() -> new Unreadable("The event names no Contact (" + channel.learnerId() + ")")),
                JsonPaths.text(payload, channel.learnerName()).orElse(null),
                JsonPaths.text(payload, channel.learnerEmail()).orElse(null));
        Course course = new Course(JsonPaths.text(payload, channel.courseId()).orElse(null),
                JsonPaths.text(payload, channel.courseName()).orElse(null));
        return events.event(SOURCE, channel.eventType(), uuid, null, learner, course, true, null, data);
    }

    /** An unreadable event as it is recorded: keyed by its EventUuid if it has one, so a replay records it once. */
    IntakeEvent unreadable(Channel channel, String message) {
        JsonNode data;
        try {
            data = data(message);
        } catch (Unreadable e) {
            data = TextNode.valueOf(message);
        }
        String uuid = JsonPaths.text(data, "$.event.EventUuid").orElse(null);
        return events.event(SOURCE, channel.eventType(), uuid, null, new Learner(null, null, null),
                new Course(null, null), false, null, data);
    }

    private JsonNode data(String message) {
        try {
            JsonNode data = mapper.readTree(message).path("data");
            if (!data.isObject()) {
                throw new Unreadable("The message has no data object");
            }
            return data;
        } catch (IOException e) {
            throw new Unreadable("The message is not JSON");
        }
    }

    /** Why an event cannot be read. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }
}
