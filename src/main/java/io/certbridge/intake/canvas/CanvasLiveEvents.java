package io.certbridge.intake.canvas;

import io.certbridge.shared.Secrets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.intake.IntakeEvent;
import io.certbridge.intake.IntakeEvent.Course;
import io.certbridge.intake.IntakeEvent.Learner;
import io.certbridge.intake.IntakeEventFactory;
import io.certbridge.intake.IntakeProblems;
import io.certbridge.intake.IntakeSettings;
import io.certbridge.intake.JsonPaths;
import io.certbridge.intake.SignatureRejected;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Reads Canvas Live Events (Canvas format) delivered over HTTPS: a signed JWT checked against the
 * configured JWKS, or unsigned JSON on a URL that carries the configured token. The learner and course
 * come from the body (local ids), never from metadata.user_id, which is whoever triggered the event.
 */
@Component
public class CanvasLiveEvents {

    public static final String SOURCE = "canvas";

    private final IntakeEventFactory events;
    private final CanvasJwks jwks;
    private final String unsignedToken;
    private final Clock clock;

    CanvasLiveEvents(IntakeEventFactory events, IntakeSettings settings, Clock clock) {
        this.events = events;
        this.clock = clock;
        IntakeSettings.Canvas canvas = settings.canvas();
        this.jwks = canvas == null || canvas.jwksUrl() == null ? null
                : new CanvasJwks(canvas.jwksUrl(), canvas.jwksMinRefetchInterval(), clock,
                        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        this.unsignedToken = canvas == null ? null : canvas.unsignedToken();
    }

    public IntakeEvent read(byte[] body, String urlToken) {
        byte[] event;
        if (LiveEventJwt.looksLikeJws(body)) {
            if (jwks == null) {
                throw new SignatureRejected("a signed Canvas event arrived but certbridge.intake.canvas.jwks-url is not set");
            }
            event = LiveEventJwt.verify(new String(body, StandardCharsets.US_ASCII).strip(), jwks, clock.instant());
        } else if (Secrets.same(urlToken, unsignedToken)) {
            event = body;
        } else {
            throw new SignatureRejected("an unsigned Canvas event arrived without the configured URL token");
        }
        return interpret(event);
    }

    /** The event a Canvas live event's JSON reports, taken as it is: its sender is not checked. */
    public IntakeEvent interpret(byte[] liveEvent) {
        ObjectNode event = events.object(liveEvent);
        JsonNode metadata = event.get("metadata");
        JsonNode body = event.get("body");
        if (metadata == null || !metadata.isObject() || body == null || !body.isObject()) {
            throw IntakeProblems.malformed("A Canvas live event has a metadata object and a body object");
        }
        String type = JsonPaths.field(metadata, "event_name")
                .orElseThrow(() -> IntakeProblems.malformed("metadata.event_name is missing"));
        String tenant = JsonPaths.field(metadata, "root_account_uuid")
                .or(() -> JsonPaths.field(metadata, "root_account_id")).orElse(null);
        Learner learner = new Learner(
                JsonPaths.field(body, "user", "id").or(() -> JsonPaths.field(body, "user_id")).orElse(null),
                JsonPaths.field(body, "user", "name").orElse(null),
                JsonPaths.field(body, "user", "email").orElse(null));
        Course course = new Course(
                JsonPaths.field(body, "course", "id").or(() -> JsonPaths.field(body, "course_id")).orElse(null),
                JsonPaths.field(body, "course", "name").orElse(null));
        ObjectNode data = event.objectNode();
        data.set("metadata", metadata);
        data.set("body", body);
        return switch (type) {
            case "course_completed" -> events.event(SOURCE, type, null, tenant, learner, course, true, null, data);
            case "course_progress" -> progress(type, tenant, learner, course, data, body.get("progress"));
            default -> events.event(SOURCE, type, null, tenant, learner, course, true, null, data);
        };
    }

    /** course_progress completes a course only when every requirement is met; some courses report no progress. */
    private IntakeEvent progress(String type, String tenant, Learner learner, Course course, ObjectNode data,
                                 JsonNode progress) {
        if (progress == null || !progress.isObject()) {
            return events.event(SOURCE, type, null, tenant, learner, course, false, "the event carries no progress", data);
        }
        if (progress.hasNonNull("error")) {
            String message = JsonPaths.field(progress, "error", "message").orElse("Canvas reports no progress");
            return events.event(SOURCE, type, null, tenant, learner, course, false, "Canvas: " + message, data);
        }
        long required = progress.path("requirement_count").asLong(0);
        long done = progress.path("requirement_completed_count").asLong(0);
        boolean complete = required > 0 && done >= required;
        return events.event(SOURCE, type, null, tenant, learner, course, complete,
                complete ? null : done + " of " + required + " requirements completed", data);
    }
}
