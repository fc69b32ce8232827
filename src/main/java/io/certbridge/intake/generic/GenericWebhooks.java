package io.certbridge.intake.generic;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.intake.IntakeEvent;
import io.certbridge.intake.IntakeEvent.Course;
import io.certbridge.intake.IntakeEvent.Learner;
import io.certbridge.intake.IntakeEventFactory;
import io.certbridge.intake.IntakeProblems;
import io.certbridge.intake.IntakeSettings;
import io.certbridge.intake.IntakeSettings.GenericSource;
import io.certbridge.intake.JsonPaths;
import io.certbridge.shared.problems.NotFound;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Reads JSON webhooks from Learnster or any other system, signed the Standard Webhooks way with the
 * source's secret. The configured JSONPath expressions say where the event type, learner and course
 * are; the webhook-id header is the event id, the same on every retry.
 */
@Component
public class GenericWebhooks {

    private final IntakeEventFactory events;
    private final Map<String, GenericSource> sources;
    private final Clock clock;

    GenericWebhooks(IntakeEventFactory events, IntakeSettings settings, Clock clock) {
        this.events = events;
        this.sources = settings.sources();
        this.clock = clock;
        sources.forEach(GenericWebhooks::checkConfigured);
    }

    /** A source named like a built-in one, or without a usable secret, stops the start with what is wrong. */
    private static void checkConfigured(String name, GenericSource source) {
        String at = "certbridge.intake.sources." + name;
        if (Set.of("canvas", "moodle", "salesforce").contains(name) || !name.matches("[a-z0-9-]{1,50}")) {
            throw new IllegalStateException(at
                    + ": a source name is 1 to 50 of a-z, 0-9 and -, other than canvas, moodle and salesforce");
        }
        if (source.secrets().isEmpty() || source.eventType() == null) {
            throw new IllegalStateException(at + " needs secrets and event-type");
        }
        for (int i = 0; i < source.secrets().size(); i++) {
            try {
                byte[] key = Base64.getDecoder().decode(source.secrets().get(i).replaceFirst("^whsec_", ""));
                if (key.length < 16) {
                    throw new IllegalArgumentException("too short");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(at + ".secrets[" + i + "] is not a whsec_ secret of 16 bytes or more");
            }
        }
    }

    public IntakeEvent read(String source, String webhookId, String timestamp, String signature, byte[] body) {
        StandardWebhookSignature.verify(config(source).secrets(), webhookId, timestamp, signature, body,
                clock.instant());
        return interpret(source, webhookId, body);
    }

    public boolean isSource(String source) {
        return sources.containsKey(source);
    }

    /** The event a source's webhook reports, taken as it is: its signature is not checked. */
    public IntakeEvent interpret(String source, String webhookId, byte[] body) {
        GenericSource config = config(source);
        ObjectNode event = events.object(body);
        String type = JsonPaths.text(event, config.eventType()).orElseThrow(() -> IntakeProblems.malformed(
                "The event type is missing (looked for " + config.eventType() + ")"));
        Learner learner = new Learner(JsonPaths.text(event, config.learnerId()).orElse(null),
                JsonPaths.text(event, config.learnerName()).orElse(null),
                JsonPaths.text(event, config.learnerEmail()).orElse(null));
        Course course = new Course(JsonPaths.text(event, config.courseId()).orElse(null),
                JsonPaths.text(event, config.courseName()).orElse(null));
        return events.event(source, type, webhookId, JsonPaths.text(event, config.tenant()).orElse(null), learner,
                course, true, null, event);
    }

    private GenericSource config(String source) {
        GenericSource config = sources.get(source);
        if (config == null) {
            throw new NotFound("unknown_source", "Not found", "No intake source named " + source, List.of());
        }
        return config;
    }
}
