package io.certbridge.intake.rules;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Name;

/**
 * What a rule says, as the API takes it and the configuration file holds it: which events of which
 * source (and course) issue which template, how the event fills the certificate, and where the
 * certificate is written back. Values in {@code recipient} and {@code fields} are JSONPath expressions
 * over the {@link io.certbridge.intake.IntakeEvent} (starting with {@code $}) or literal text.
 */
public record RuleDefinition(String name, String source, String eventType, String courseId,
                             List<Condition> conditions, String templateId, Boolean issueOnce, Boolean renews,
                             RecipientMapping recipient, Map<String, String> fields, List<WritebackSpec> writebacks,
                             String issuer, Boolean enabled) {

    /** {@code path} compared with {@code value} (or one of {@code values} for {@code in}). */
    public record Condition(String path, String operator, String value, List<String> values) {
    }

    public record RecipientMapping(String name, String email) {
    }

    /**
     * A write-back: its {@code type} (one of the registered {@link io.certbridge.issuance.WritebackType}s, e.g.
     * {@code canvas_custom_data}) and that type's own properties, as the rule gives them beside it
     * ({@code {"type": "canvas_custom_data", "namespace": "com.example"}}); its type reads and checks them. A
     * property given as null is no property. In configuration the properties are keys of the write-back too
     * ({@code writebacks[0].namespace}).
     */
    public record WritebackSpec(String type, @Name("") @JsonAnyGetter Map<String, Object> properties) {

        public WritebackSpec {
            Map<String, Object> given = new LinkedHashMap<>();
            if (properties != null) {
                properties.forEach((name, value) -> {
                    if (value != null && !name.equals("type")) {
                        given.put(name, value);
                    }
                });
            }
            properties = Collections.unmodifiableMap(given);
        }

        /** From the rule's JSON, whose keys beside {@code type} are the properties, in the order given. */
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static WritebackSpec of(Map<String, Object> json) {
            return new WritebackSpec(json.get("type") instanceof String type ? type : null, json);
        }

        /**
         * Properties keyed as the API names them: configuration may write them in kebab-case ({@code record-id})
         * or camelCase, as it could while they were bound one by one.
         */
        WritebackSpec snakeCased() {
            Map<String, Object> snakeCased = new LinkedHashMap<>();
            properties.forEach((name, value) -> snakeCased.put(name.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                    .replace('-', '_').toLowerCase(Locale.ROOT), value));
            return new WritebackSpec(type, snakeCased);
        }
    }

    static final String DEFAULT_NAME_PATH = "$.learner.name";
    static final String DEFAULT_EMAIL_PATH = "$.learner.email";

    /**
     * Whether a repeated completion issues nothing. A renewing rule issues on every completion (each event once), so
     * it issues once per learner only when told to, which its validation refuses.
     */
    public boolean oncePerLearner() {
        return issueOnce == null ? !renewing() : issueOnce;
    }

    /** Whether the rule's certificate replaces the recipient's live one from the same template (see Renewals). */
    public boolean renewing() {
        return renews != null && renews;
    }

    public boolean active() {
        return enabled == null || enabled;
    }

    public String namePath() {
        return recipient == null || recipient.name() == null ? DEFAULT_NAME_PATH : recipient.name();
    }

    public String emailPath() {
        return recipient == null || recipient.email() == null ? DEFAULT_EMAIL_PATH : recipient.email();
    }

    public List<Condition> conditionList() {
        return conditions == null ? List.of() : conditions;
    }

    public Map<String, String> fieldMap() {
        return fields == null ? Map.of() : fields;
    }

    public List<WritebackSpec> writebackList() {
        return writebacks == null ? List.of() : writebacks;
    }

    RuleDefinition withIssuer(String value) {
        return new RuleDefinition(name, source, eventType, courseId, conditions, templateId, issueOnce, renews,
                recipient, fields, writebacks, value, enabled);
    }

    /** The rule with its write-backs' properties keyed as the API names them (see {@link WritebackSpec#snakeCased}). */
    RuleDefinition withSnakeCasedWritebacks() {
        return writebacks == null ? this : new RuleDefinition(name, source, eventType, courseId, conditions,
                templateId, issueOnce, renews, recipient, fields, writebacks.stream().map(WritebackSpec::snakeCased).toList(),
                issuer, enabled);
    }
}
