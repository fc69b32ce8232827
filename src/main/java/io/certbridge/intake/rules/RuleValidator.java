package io.certbridge.intake.rules;

import io.certbridge.intake.IntakeSettings;
import io.certbridge.intake.JsonPaths;
import io.certbridge.intake.canvas.CanvasLiveEvents;
import io.certbridge.intake.moodle.MoodleEvents;
import io.certbridge.intake.rules.RuleDefinition.Condition;
import io.certbridge.intake.rules.RuleDefinition.WritebackSpec;
import io.certbridge.intake.salesforce.PlatformEvents;
import io.certbridge.issuance.WritebackType;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.template.Template;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * What makes a rule usable: a known source, valid JSONPath, write-backs of registered types that fit the source.
 * A write-back with a property its type does not take is malformed input ({@link WritebackTypes#problems}).
 */
@Component
class RuleValidator {

    private static final int MAX_TEXT = 200;
    private static final int MAX_ITEMS = 50;
    private static final Set<String> ISSUERS = Set.of("live", "sandbox");

    private final Set<String> sources = new HashSet<>();
    private final WritebackTypes writebackTypes;

    RuleValidator(IntakeSettings settings, WritebackTypes writebackTypes) {
        this.writebackTypes = writebackTypes;
        sources.add(CanvasLiveEvents.SOURCE);
        sources.add(MoodleEvents.SOURCE);
        sources.add(PlatformEvents.SOURCE);
        sources.addAll(settings.sources().keySet());
    }

    /**
     * The rule's problems. {@code template} is null when the template is not known (yet): rules from the
     * configuration may name templates that the API creates later. The list returned can be added to.
     *
     * @throws io.certbridge.shared.problems.MalformedInput for a write-back property its type does not take
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
        renewal(errors, rule, template);
        return errors;
    }

    /**
     * A renewing rule issues on every completion, so it cannot also issue once per learner; and only the hub's own
     * certificates renew: an outside issuer's credential is its own, and cannot name the certificate it replaces.
     */
    private static void renewal(List<FieldError> errors, RuleDefinition rule, Template template) {
        if (!rule.renewing()) {
            return;
        }
        if (Boolean.TRUE.equals(rule.issueOnce())) {
            errors.add(new FieldError("renews", "cannot be true with issue_once true: a rule that issues once per "
                    + "learner has nothing to renew"));
        }
        if (template != null && template.issuer() != null) {
            errors.add(new FieldError("renews", "is only for templates the hub issues itself; template "
                    + template.id() + " issues through " + template.issuer()));
        }
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

    private void writebacks(List<FieldError> errors, RuleDefinition rule) {
        List<WritebackSpec> writebacks = rule.writebackList();
        for (int i = 0; i < writebacks.size(); i++) {
            WritebackSpec spec = writebacks.get(i);
            String at = "writebacks[" + i + "]";
            WritebackType<?> type = spec == null ? null : writebackTypes.find(spec.type()).orElse(null);
            if (type == null) {
                errors.add(new FieldError(at + ".type", "must be one of " + writebackTypes.names()));
            } else if (!type.source().equals(rule.source())) {
                errors.add(new FieldError(at + ".type", "writes back to " + type.source() + ", but the rule takes "
                        + rule.source() + " events"));
            } else {
                errors.addAll(writebackTypes.problems(type, spec, at));
            }
        }
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
