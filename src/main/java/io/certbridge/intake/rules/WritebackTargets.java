package io.certbridge.intake.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.intake.IntakeEvent;
import io.certbridge.intake.JsonPaths;
import io.certbridge.intake.rules.RuleDefinition.WritebackSpec;
import io.certbridge.issuance.WritebackTarget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The places a rule's write-backs point at for one event: the event's learner and course in its LMS. */
@Component
class WritebackTargets {

    static final Map<String, String> CONNECTORS = Map.of(
            "canvas_custom_data", WritebackTarget.CANVAS_CUSTOM_DATA,
            "canvas_submission_comment", WritebackTarget.CANVAS_SUBMISSION_COMMENT,
            "moodle_profile_field", WritebackTarget.MOODLE_PROFILE_FIELD,
            "salesforce_record", WritebackTarget.SALESFORCE_RECORD);
    /** The source whose events each write-back type can point back to. */
    static final Map<String, String> SOURCES = Map.of(
            "canvas_custom_data", "canvas",
            "canvas_submission_comment", "canvas",
            "moodle_profile_field", "moodle",
            "salesforce_record", "salesforce");

    /** {@code document} is the event as JSON, which a Salesforce record id may be picked from. */
    List<WritebackTarget> of(RuleDefinition rule, IntakeEvent event, JsonNode document) {
        return rule.writebackList().stream().map(spec -> target(spec, event, document)).toList();
    }

    private static WritebackTarget target(WritebackSpec spec, IntakeEvent event, JsonNode document) {
        Map<String, Object> target = new LinkedHashMap<>();
        if (spec.type().equals("salesforce_record")) {
            target.put("sobject", spec.sobjectName());
            target.put("record_id", JsonPaths.text(document, spec.recordIdPath()).orElse(null));
            target.put("fields", spec.salesforceFields());
            return new WritebackTarget(WritebackTarget.SALESFORCE_RECORD, target);
        }
        target.put("user_id", event.learner().id());
        switch (spec.type()) {
            case "canvas_custom_data" -> {
                target.put("course_id", event.course().id());
                target.put("namespace", spec.namespace());
            }
            case "canvas_submission_comment" -> {
                target.put("course_id", event.course().id());
                target.put("assignment_id", spec.assignmentId());
            }
            default -> target.put("field", spec.field());
        }
        return new WritebackTarget(CONNECTORS.get(spec.type()), target);
    }
}
