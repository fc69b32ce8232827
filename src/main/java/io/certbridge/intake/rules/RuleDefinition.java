package io.certbridge.intake.rules;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a rule says, as the API takes it and the configuration file holds it: which events of which
 * source (and course) issue which template, how the event fills the certificate, and where the
 * certificate is written back. Values in {@code recipient} and {@code fields} are JSONPath expressions
 * over the {@link io.certbridge.intake.IntakeEvent} (starting with {@code $}) or literal text.
 */
public record RuleDefinition(String name, String source, String eventType, String courseId,
                             List<Condition> conditions, String templateId, Boolean issueOnce,
                             RecipientMapping recipient, Map<String, String> fields, List<WritebackSpec> writebacks,
                             String issuer, Boolean enabled) {

    /** {@code path} compared with {@code value} (or one of {@code values} for {@code in}). */
    public record Condition(String path, String operator, String value, List<String> values) {
    }

    public record RecipientMapping(String name, String email) {
    }

    /**
     * A write-back: {@code canvas_custom_data} (namespace), {@code canvas_submission_comment}
     * (assignment_id), {@code moodle_profile_field} (field, the profile field's short name) or
     * {@code salesforce_record} (sobject, default Contact; record_id, a JSONPath or an id, default the
     * learner; fields, each Salesforce field named with the certificate value it takes).
     */
    public record WritebackSpec(String type, String namespace, String assignmentId, String field, String sobject,
                                String recordId, Map<String, String> fields) {

        /** The certificate values a Salesforce field can take. */
        public static final Set<String> CERTIFICATE_VALUES =
                Set.of("certificate_id", "verification_url", "status", "issued_at");

        public String sobjectName() {
            return sobject == null ? "Contact" : sobject;
        }

        public String recordIdPath() {
            return recordId == null ? "$.learner.id" : recordId;
        }

        public Map<String, String> salesforceFields() {
            return fields == null ? Map.of("Certificate_Id__c", "certificate_id",
                    "Certificate_URL__c", "verification_url", "Certificate_Status__c", "status") : fields;
        }
    }

    static final String DEFAULT_NAME_PATH = "$.learner.name";
    static final String DEFAULT_EMAIL_PATH = "$.learner.email";

    public boolean oncePerLearner() {
        return issueOnce == null || issueOnce;
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
        return new RuleDefinition(name, source, eventType, courseId, conditions, templateId, issueOnce, recipient,
                fields, writebacks, value, enabled);
    }
}
