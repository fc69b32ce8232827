package io.certbridge.intake.rules;

import io.certbridge.intake.IntakeSettings;
import io.certbridge.intake.JsonPaths;
import io.certbridge.intake.canvas.CanvasLiveEvents;
import io.certbridge.intake.moodle.MoodleEvents;
import io.certbridge.intake.rules.RuleDefinition.Condition;
import io.certbridge.intake.rules.RuleDefinition.WritebackSpec;
import io.certbridge.intake.salesforce.PlatformEvents;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.template.Template;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/** What makes a rule usable: a known source, valid JSONPath, write-backs that fit the source. */
@Component
class RuleValidator {

    private static final int MAX_TEXT = 200;
    private static final int MAX_ITEMS = 50;
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final Pattern CANVAS_ID = Pattern.compile("[0-9]{1,18}");
    private static final Pattern PROFILE_FIELD = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Pattern API_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,79}");
    private static final Pattern SALESFORCE_ID = Pattern.compile("[A-Za-z0-9]{15}|[A-Za-z0-9]{18}");
    private static final Set<String> ISSUERS = Set.of("live", "sandbox");

    private final Set<String> sources = new HashSet<>();

    RuleValidator(IntakeSettings settings) {
        sources.add(CanvasLiveEvents.SOURCE);
        sources.add(MoodleEvents.SOURCE);
        sources.add(PlatformEvents.SOURCE);
        sources.addAll(settings.sources().keySet());
    }

    /**
     * The rule's problems. {@code template} is null when the template is not known (yet): rules from the
     * configuration may name templates that the API creates later. The list returned can be added to.
     */
    List<FieldError> problems(RuleDefinition rule, Template template) {
        List<FieldError> errors = new ArrayList<>();
        text(errors, "name", rule.name(), true);
        text(errors, "event_type", rule.eventType(), true);
        text(errors, "course_id", rule.courseId(), false);
        text(errors, "template_id", rule.templateId(), true);
        if (rule.source() == null || !sources.contains(rule.source())) {
            errors.add(new FieldError("source", "must be canvas, moodle, salesforce or a configured source " + sorted()));
        }
        if (!ISSUERS.contains(rule.issuer())) {
            errors.add(new FieldError("issuer", "must be live or sandbox"));
        }
        conditions(errors, rule.conditionList());
        path(errors, "recipient.name", rule.namePath());
        path(errors, "recipient.email", rule.emailPath());
        fields(errors, rule.fieldMap(), template);
        writebacks(errors, rule);
        return errors;
    }

    private List<String> sorted() {
        return sources.stream().sorted().toList();
    }

    private static void conditions(List<FieldError> errors, List<Condition> conditions) {
        if (conditions.size() > MAX_ITEMS) {
            errors.add(new FieldError("conditions", "are more than " + MAX_ITEMS));
        }
        for (int i = 0; i < conditions.size(); i++) {
            Condition condition = conditions.get(i);
            String at = "conditions[" + i + "]";
            if (condition == null || !JsonPaths.isPath(condition.path())) {
                errors.add(new FieldError(at + ".path", "must be a JSONPath starting with $"));
                continue;
            }
            path(errors, at + ".path", condition.path());
            if (!Conditions.OPERATORS.contains(condition.operator())) {
                errors.add(new FieldError(at + ".operator", "must be one of " + Conditions.OPERATORS.stream().sorted().toList()));
            } else if (condition.operator().equals("in") && (condition.values() == null || condition.values().isEmpty())) {
                errors.add(new FieldError(at + ".values", "are required for in"));
            } else if (!condition.operator().equals("in") && !condition.operator().equals("exists")
                    && condition.value() == null) {
                errors.add(new FieldError(at + ".value", "is required for " + condition.operator()));
            }
        }
    }

    private static void fields(List<FieldError> errors, Map<String, String> fields, Template template) {
        if (fields.size() > MAX_ITEMS) {
            errors.add(new FieldError("fields", "are more than " + MAX_ITEMS));
        }
        fields.forEach((name, expression) -> {
            if (template != null && template.fields().stream().noneMatch(f -> f.name().equals(name))) {
                errors.add(new FieldError("fields." + name, "is not a field of template " + template.id()));
            }
            if (expression == null || expression.length() > 1000) {
                errors.add(new FieldError("fields." + name, "must be a JSONPath or text of at most 1000 characters"));
            } else {
                path(errors, "fields." + name, expression);
            }
        });
    }

    private static void writebacks(List<FieldError> errors, RuleDefinition rule) {
        List<WritebackSpec> writebacks = rule.writebackList();
        for (int i = 0; i < writebacks.size(); i++) {
            WritebackSpec spec = writebacks.get(i);
            String at = "writebacks[" + i + "]";
            String source = spec == null ? null : WritebackTargets.SOURCES.get(spec.type());
            if (source == null) {
                errors.add(new FieldError(at + ".type",
                        "must be one of " + WritebackTargets.SOURCES.keySet().stream().sorted().toList()));
            } else if (!source.equals(rule.source())) {
                errors.add(new FieldError(at + ".type", "writes back to " + source + ", but the rule takes "
                        + rule.source() + " events"));
            } else if (spec.type().equals("canvas_custom_data")
                    && (spec.namespace() == null || !NAMESPACE.matcher(spec.namespace()).matches())) {
                errors.add(new FieldError(at + ".namespace", "must be a reverse-DNS namespace such as com.example.certbridge"));
            } else if (spec.type().equals("canvas_submission_comment")
                    && (spec.assignmentId() == null || !CANVAS_ID.matcher(spec.assignmentId()).matches())) {
                errors.add(new FieldError(at + ".assignment_id", "must be a Canvas assignment id"));
            } else if (spec.type().equals("moodle_profile_field")
                    && (spec.field() == null || !PROFILE_FIELD.matcher(spec.field()).matches())) {
                errors.add(new FieldError(at + ".field", "must be the short name of a Moodle user profile field"));
            } else if (spec.type().equals("salesforce_record")) {
                salesforceRecord(errors, at, spec);
            }
        }
    }

    private static void salesforceRecord(List<FieldError> errors, String at, WritebackSpec spec) {
        if (!API_NAME.matcher(spec.sobjectName()).matches()) {
            errors.add(new FieldError(at + ".sobject", "must be the API name of a Salesforce object, such as Contact"));
        }
        if (JsonPaths.isPath(spec.recordIdPath())) {
            path(errors, at + ".record_id", spec.recordIdPath());
        } else if (!SALESFORCE_ID.matcher(spec.recordIdPath()).matches()) {
            errors.add(new FieldError(at + ".record_id", "must be a JSONPath or a 15- or 18-character record id"));
        }
        if (spec.salesforceFields().isEmpty() || spec.salesforceFields().size() > MAX_ITEMS) {
            errors.add(new FieldError(at + ".fields", "must name 1 to " + MAX_ITEMS + " fields"));
        }
        spec.salesforceFields().forEach((field, value) -> {
            if (!API_NAME.matcher(field).matches()) {
                errors.add(new FieldError(at + ".fields." + field, "is not a Salesforce field API name"));
            } else if (!WritebackSpec.CERTIFICATE_VALUES.contains(value)) {
                errors.add(new FieldError(at + ".fields." + field,
                        "must be one of " + WritebackSpec.CERTIFICATE_VALUES.stream().sorted().toList()));
            }
        });
    }

    private static void path(List<FieldError> errors, String field, String expression) {
        JsonPaths.problem(expression).ifPresent(problem -> errors.add(new FieldError(field, problem)));
    }

    private static void text(List<FieldError> errors, String field, String value, boolean required) {
        if (value == null ? required : value.isBlank() || value.length() > MAX_TEXT) {
            errors.add(new FieldError(field, required ? "is required (1 to " + MAX_TEXT + " characters)"
                    : "must be 1 to " + MAX_TEXT + " characters"));
        }
    }
}
