package io.certbridge.intake.moodle;

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
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Reads Moodle events as the local_webhooks plugin posts them: the event's get_data() plus host,
 * token and extra, whatever the Content-Type says. The learner is relateduserid (userid is whoever
 * acted, often the cron user); ids come as numbers or as strings of digits. The token is dropped
 * before the event goes anywhere.
 */
@Component
public class MoodleEvents {

    public static final String SOURCE = "moodle";
    /** completionlib: COMPLETION_COMPLETE and COMPLETION_COMPLETE_PASS; 3 and 4 are fails. */
    private static final Set<Long> COMPLETED_STATES = Set.of(1L, 2L);
    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");

    private final IntakeEventFactory events;
    private final String token;

    MoodleEvents(IntakeEventFactory events, IntakeSettings settings) {
        this.events = events;
        this.token = settings.moodle() == null ? null : settings.moodle().token();
    }

    public IntakeEvent read(byte[] body) {
        ObjectNode event = events.object(body);
        JsonNode presented = event.remove("token");
        if (presented == null || !presented.isTextual() || !Secrets.same(presented.asText(), token)) {
            throw new SignatureRejected("a Moodle event arrived without the configured local_webhooks token");
        }
        return interpret(event);
    }

    /** The event a local_webhooks post reports, taken as it is: its token, if it has one, is dropped unchecked. */
    public IntakeEvent interpret(ObjectNode event) {
        event.remove("token");
        String type = JsonPaths.field(event, "eventname")
                .orElseThrow(() -> IntakeProblems.malformed("eventname is missing"));
        Optional<String> learnerId = id(event, "relateduserid").or(() -> id(event.path("other"), "relateduserid"));
        Optional<String> courseId = id(event, "courseid");
        String tenant = JsonPaths.field(event, "host").orElse(null);
        String key = String.join("/", type, id(event, "objectid").orElse("-"), learnerId.orElse("-"),
                JsonPaths.field(event, "timecreated").orElse("-"));
        boolean complete = true;
        String note = null;
        if (type.equals("\\core\\event\\course_module_completion_updated")) {
            long state = event.path("other").path("completionstate").asLong(-1);
            complete = COMPLETED_STATES.contains(state);
            note = complete ? null : "completionstate " + state + " is not a completion";
        }
        return events.event(SOURCE, type, key, tenant, new Learner(learnerId.orElse(null), null, null),
                new Course(courseId.orElse(null), null), complete, note, event);
    }

    private static Optional<String> id(JsonNode node, String field) {
        Optional<String> value = JsonPaths.field(node, field);
        if (value.isPresent() && !ID.matcher(value.get()).matches()) {
            throw IntakeProblems.malformed(field + " must be a Moodle id (digits)");
        }
        return value;
    }
}
