package io.certbridge.intake.rules;

import static io.certbridge.intake.IntakeFixtures.MAPPER;
import static io.certbridge.intake.IntakeFixtures.NOW;
import static io.certbridge.intake.IntakeFixtures.eventFactory;
import static io.certbridge.intake.IntakeFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.intake.IntakeEvent;
import io.certbridge.intake.IntakeEvent.Course;
import io.certbridge.intake.IntakeEvent.Learner;
import io.certbridge.intake.IntakeEventFactory;
import io.certbridge.intake.rules.RuleDefinition.Condition;
import io.certbridge.intake.rules.RuleDefinition.RecipientMapping;
import io.certbridge.intake.rules.RuleDefinition.WritebackSpec;
import io.certbridge.issuance.Certificate.Recipient;
import io.certbridge.issuance.CertificateRequest;
import io.certbridge.issuance.CertificateRequest.SourceEvent;
import io.certbridge.template.Template;
import io.certbridge.template.Template.FieldType;
import io.certbridge.template.Template.TemplateField;
import io.certbridge.issuance.WritebackTarget;
import io.certbridge.writeback.canvas.CanvasCustomDataConnector;
import io.certbridge.writeback.moodle.MoodleProfileFieldConnector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which rules an event matches, and the certificate requests they make of it. */
class RuleMatcherTest {

    static final String TENANT = "VicYj3cu5BIFpoZhDVU4DZumnlBrWi1grgJEzADs";

    static final Template COURSE_TEMPLATE = new Template("tmpl_course", "template", "Course completion", null, null,
            List.of(new TemplateField("course_name", FieldType.string, true),
                    new TemplateField("completed_on", FieldType.date, true),
                    new TemplateField("requirements", FieldType.number, false),
                    new TemplateField("issued_by", FieldType.string, false)),
            null, null, false, null, null, null, NOW);
    static final Template PLAIN_TEMPLATE = new Template("tmpl_plain", "template", "Participation", null, null,
            List.of(), null, null, false, null, null, null, NOW);
    static final Map<String, Template> TEMPLATES = Map.of(COURSE_TEMPLATE.id(), COURSE_TEMPLATE,
            PLAIN_TEMPLATE.id(), PLAIN_TEMPLATE);
    static final Map<String, String> COURSE_FIELDS = Map.of(
            "course_name", "$.course.name",
            "completed_on", "$.data.body.progress.completed_at");

    final IntakeEventFactory events = eventFactory();
    /** The Canvas and Moodle write-back types; only their rule specs are used, not their connectors' collaborators. */
    final RuleMatcher matcher = new RuleMatcher(MAPPER, new WritebackTypes(List.of(
            new CanvasCustomDataConnector(null, null), new MoodleProfileFieldConnector(null)), MAPPER));

    /** Canvas course_completed for the learner, as CanvasLiveEvents makes it. */
    IntakeEvent completed(String learnerId, String email, String courseId, String eventTime) {
        ObjectNode data = sample("canvas-course_completed.json");
        ((ObjectNode) data.get("metadata")).put("event_time", eventTime);
        ObjectNode body = (ObjectNode) data.get("body");
        ((ObjectNode) body.get("user")).put("id", learnerId).put("email", email);
        ((ObjectNode) body.get("course")).put("id", courseId);
        return events.event("canvas", "course_completed", null, TENANT, new Learner(learnerId, "Ada Lovelace", email),
                new Course(courseId, "Computer Science I"), true, null, data);
    }

    IntakeEvent completed() {
        return completed("123", "ada.lovelace@example.com", "565", "2024-11-05T13:40:02.118Z");
    }

    static RuleDefinition definition(String eventType, String courseId, String templateId, Boolean issueOnce,
                                     RecipientMapping recipient, Map<String, String> fields,
                                     List<Condition> conditions, List<WritebackSpec> writebacks, Boolean enabled) {
        return new RuleDefinition("CS101 completion", "canvas", eventType, courseId, conditions, templateId, issueOnce,
                null, recipient, fields, writebacks, "live", enabled);
    }

    static Rule rule(String id, RuleDefinition definition) {
        return new Rule(id, "api", definition, NOW, NOW);
    }

    static Rule courseRule(String id) {
        return rule(id, definition("course_completed", "565", "tmpl_course", null, null, COURSE_FIELDS, null, null,
                null));
    }

    @Test
    void anEventNoRuleTakesIsUnmatchedAndSaysWhatItWas() {
        RuleMatch match = matcher.match(completed(), List.of(), TEMPLATES);

        assertThat(match.status()).isEqualTo("unmatched");
        assertThat(match.detail()).isEqualTo("No rule for canvas course_completed in course 565");
        assertThat(match.ruleIds()).isEmpty();
        assertThat(match.requests()).isEmpty();
    }

    @Test
    void aRuleForAnotherSourceOrEventTypeDoesNotMatch() {
        Rule otherType = rule("rule_progress", definition("course_progress", "565", "tmpl_course", null, null,
                COURSE_FIELDS, null, null, null));
        Rule otherSource = rule("rule_moodle", new RuleDefinition("Moodle", "moodle", "course_completed", "565", null,
                "tmpl_course", null, null, null, COURSE_FIELDS, null, "live", null));

        assertThat(matcher.match(completed(), List.of(otherType, otherSource), TEMPLATES).status())
                .isEqualTo("unmatched");
    }

    @Test
    void aRuleForACourseTakesOnlyThatCoursesEvents() {
        Rule course566 = rule("rule_566", definition("course_completed", "566", "tmpl_course", null, null,
                COURSE_FIELDS, null, null, null));
        Rule anyCourse = rule("rule_any", definition("course_completed", null, "tmpl_course", null, null,
                COURSE_FIELDS, null, null, null));

        assertThat(matcher.match(completed(), List.of(course566), TEMPLATES).status()).isEqualTo("unmatched");
        RuleMatch match = matcher.match(completed(), List.of(course566, courseRule("rule_565"), anyCourse), TEMPLATES);
        assertThat(match.status()).isEqualTo("matched");
        assertThat(match.ruleIds()).containsExactly("rule_565", "rule_any");
        assertThat(match.detail()).isEqualTo("2 certificate(s) requested");
    }

    @Test
    void aDisabledRuleIsIgnored() {
        Rule disabled = rule("rule_off", definition("course_completed", "565", "tmpl_course", null, null,
                COURSE_FIELDS, null, null, false));
        Rule enabled = rule("rule_on", definition("course_completed", "565", "tmpl_course", null, null,
                COURSE_FIELDS, null, null, true));

        assertThat(matcher.match(completed(), List.of(disabled), TEMPLATES).status()).isEqualTo("unmatched");
        assertThat(matcher.match(completed(), List.of(disabled, enabled), TEMPLATES).ruleIds())
                .containsExactly("rule_on");
    }

    @Test
    void aRuleWhoseConditionFailsDoesNotMatch() {
        Rule allSix = rule("rule_6", definition("course_completed", "565", "tmpl_course", null, null, COURSE_FIELDS,
                List.of(new Condition("$.data.body.progress.requirement_count", "gte", "6", null)), null, null));
        Rule atLeastTen = rule("rule_10", definition("course_completed", "565", "tmpl_course", null, null,
                COURSE_FIELDS,
                List.of(new Condition("$.data.body.progress.requirement_count", "gte", "10", null)), null, null));

        assertThat(matcher.match(completed(), List.of(allSix, atLeastTen), TEMPLATES).ruleIds())
                .containsExactly("rule_6");
    }

    @Test
    void anEventThatIsNotACompletionIsIgnoredWithItsNote() {
        IntakeEvent progress = events.event("canvas", "course_progress", null, TENANT,
                new Learner("123", "Ada Lovelace", "ada.lovelace@example.com"), new Course("565", "Computer Science I"),
                false, "5 of 6 requirements completed", sample("canvas-course_progress.json"));
        Rule rule = rule("rule_progress", definition("course_progress", "565", "tmpl_course", null, null,
                COURSE_FIELDS, null, null, null));

        RuleMatch match = matcher.match(progress, List.of(rule), TEMPLATES);

        assertThat(match.status()).isEqualTo("ignored");
        assertThat(match.detail()).isEqualTo("Not a completion: 5 of 6 requirements completed");
        assertThat(match.ruleIds()).containsExactly("rule_progress");
        assertThat(match.requests()).isEmpty();
    }

    @Test
    void fieldsAndRecipientAreFilledByJsonPathAndLiteralText() {
        Rule rule = rule("rule_1", definition("course_completed", "565", "tmpl_course", null,
                new RecipientMapping("$.data.body.user.name", null),
                Map.of("course_name", "$.data.body.course.name",
                        "completed_on", "$.data.body.progress.completed_at",
                        "requirements", "$.data.body.progress.requirement_count",
                        "issued_by", "Computer Science Department"),
                null, null, null));

        RuleMatch match = matcher.match(completed(), List.of(rule), TEMPLATES);

        assertThat(match.status()).isEqualTo("matched");
        assertThat(match.detail()).isEqualTo("1 certificate(s) requested");
        CertificateRequest request = match.requests().getFirst();
        assertThat(request.recipient()).isEqualTo(new Recipient("Ada Lovelace", "ada.lovelace@example.com"));
        assertThat(request.environment()).isEqualTo("live");
        assertThat(request.templateId()).isEqualTo("tmpl_course");
        assertThat(request.fields()).containsOnlyKeys("course_name", "completed_on", "requirements", "issued_by");
        assertThat(request.fields().get("course_name")).isEqualTo(text("Computer Science I"));
        assertThat(request.fields().get("completed_on")).isEqualTo(text("2024-11-05"));
        assertThat(request.fields().get("requirements").isNumber()).isTrue();
        assertThat(request.fields().get("requirements").decimalValue()).isEqualByComparingTo("6");
        assertThat(request.fields().get("issued_by")).isEqualTo(text("Computer Science Department"));
    }

    @Test
    void aRecipientMappingCanUseLiteralText() {
        Rule rule = rule("rule_1", definition("course_completed", "565", "tmpl_plain", null,
                new RecipientMapping("Registrar's copy", "registrar@example.edu"), null, null, null, null));

        CertificateRequest request = matcher.match(completed(), List.of(rule), TEMPLATES).requests().getFirst();

        assertThat(request.recipient()).isEqualTo(new Recipient("Registrar's copy", "registrar@example.edu"));
        assertThat(request.fields()).isEmpty();
    }

    @Test
    void aLearnerWithoutEmailFailsTheRuleNamingTheRecipientEmail() {
        IntakeEvent noEmail = completed("123", null, "565", "2024-11-05T13:40:02.118Z");

        RuleMatch match = matcher.match(noEmail, List.of(courseRule("rule_1")), TEMPLATES);

        assertThat(match.status()).isEqualTo("failed");
        assertThat(match.detail())
                .isEqualTo("0 certificate(s) requested. rule rule_1: recipient.email must be an e-mail address");
        assertThat(match.ruleIds()).containsExactly("rule_1");
        assertThat(match.requests()).isEmpty();
    }

    @Test
    void aFieldValueTheTemplateRefusesFailsTheRuleNamingTheField() {
        Rule rule = rule("rule_1", definition("course_completed", "565", "tmpl_course", null, null,
                Map.of("course_name", "$.course.name", "completed_on", "$.course.name"), null, null, null));

        RuleMatch match = matcher.match(completed(), List.of(rule), TEMPLATES);

        assertThat(match.status()).isEqualTo("failed");
        assertThat(match.detail()).isEqualTo("0 certificate(s) requested. rule rule_1: fields.completed_on must be"
                + " an ISO 8601 date (YYYY-MM-DD)");
        assertThat(match.requests()).isEmpty();
    }

    @Test
    void aRequiredFieldTheEventCannotFillFailsTheRule() {
        Rule rule = rule("rule_1", definition("course_completed", "565", "tmpl_course", null, null,
                Map.of("course_name", "$.course.name", "completed_on", "$.data.body.progress.not_there"),
                null, null, null));

        RuleMatch match = matcher.match(completed(), List.of(rule), TEMPLATES);

        assertThat(match.status()).isEqualTo("failed");
        assertThat(match.detail()).contains("rule rule_1: fields.completed_on is required by template tmpl_course");
    }

    @Test
    void anEventWithoutALearnerFailsTheRule() {
        IntakeEvent anonymous = events.event("canvas", "course_completed", null, TENANT,
                new Learner(null, "Ada Lovelace", "ada.lovelace@example.com"),
                new Course("565", "Computer Science I"), true, null, sample("canvas-course_completed.json"));

        RuleMatch match = matcher.match(anonymous, List.of(courseRule("rule_1")), TEMPLATES);

        assertThat(match.status()).isEqualTo("failed");
        assertThat(match.detail())
                .isEqualTo("0 certificate(s) requested. rule rule_1: learner the event names no learner");
    }

    @Test
    void issueOnceKeysTheRequestByLearnerAndCourseSoARepeatIssuesNothingNew() {
        IntakeEvent first = completed("123", "ada.lovelace@example.com", "565", "2024-11-05T13:40:02.118Z");
        IntakeEvent again = completed("123", "ada.lovelace@example.com", "565", "2024-12-01T09:00:00.000Z");
        IntakeEvent otherLearner = completed("124", "grace.hopper@example.com", "565", "2024-11-05T13:40:02.118Z");
        assertThat(first.eventKey()).isNotEqualTo(again.eventKey());

        String firstKey = matcher.match(first, List.of(courseRule("rule_1")), TEMPLATES).requests().getFirst()
                .requestKey();
        String againKey = matcher.match(again, List.of(courseRule("rule_1")), TEMPLATES).requests().getFirst()
                .requestKey();
        String otherKey = matcher.match(otherLearner, List.of(courseRule("rule_1")), TEMPLATES).requests().getFirst()
                .requestKey();

        assertThat(firstKey).isEqualTo("rule/rule_1/" + TENANT + "/565/123");
        assertThat(againKey).isEqualTo(firstKey);
        assertThat(otherKey).isEqualTo("rule/rule_1/" + TENANT + "/565/124");
    }

    @Test
    void withoutIssueOnceEachEventMakesItsOwnRequest() {
        Rule everyTime = rule("rule_1", definition("course_completed", "565", "tmpl_course", false, null,
                COURSE_FIELDS, null, null, null));
        IntakeEvent first = completed("123", "ada.lovelace@example.com", "565", "2024-11-05T13:40:02.118Z");
        IntakeEvent again = completed("123", "ada.lovelace@example.com", "565", "2024-12-01T09:00:00.000Z");

        String firstKey = matcher.match(first, List.of(everyTime), TEMPLATES).requests().getFirst().requestKey();
        String againKey = matcher.match(again, List.of(everyTime), TEMPLATES).requests().getFirst().requestKey();

        assertThat(firstKey).isEqualTo("rule/rule_1/event/canvas/" + first.eventKey());
        assertThat(againKey).isEqualTo("rule/rule_1/event/canvas/" + again.eventKey());
        assertThat(againKey).isNotEqualTo(firstKey);
    }

    @Test
    void aRenewingRuleMakesARequestPerCompletionThatRenewsTheLearnersCertificate() {
        RuleDefinition renewing = new RuleDefinition("CS101 renewal", "canvas", "course_completed", "565", null,
                "tmpl_course", null, true, null, COURSE_FIELDS, null, "live", null);
        IntakeEvent first = completed("123", "ada.lovelace@example.com", "565", "2024-11-05T13:40:02.118Z");
        IntakeEvent again = completed("123", "ada.lovelace@example.com", "565", "2024-12-01T09:00:00.000Z");

        CertificateRequest firstRequest = matcher.match(first, List.of(rule("rule_1", renewing)), TEMPLATES)
                .requests().getFirst();
        CertificateRequest againRequest = matcher.match(again, List.of(rule("rule_1", renewing)), TEMPLATES)
                .requests().getFirst();

        assertThat(firstRequest.requestKey()).isEqualTo("rule/rule_1/event/canvas/" + first.eventKey());
        assertThat(againRequest.requestKey()).isEqualTo("rule/rule_1/event/canvas/" + again.eventKey());
        assertThat(againRequest.renews()).isTrue();
        assertThat(againRequest.learnerKey()).isEqualTo("canvas/" + TENANT + "/123");
        assertThat(matcher.match(first, List.of(courseRule("rule_2")), TEMPLATES).requests().getFirst().renews())
                .isFalse();
    }

    @Test
    void aRuleWhoseTemplateIsGoneFailsWithoutHoldingBackTheOthers() {
        Rule gone = rule("rule_gone", definition("course_completed", "565", "tmpl_deleted", null, null, null, null,
                null, null));

        RuleMatch match = matcher.match(completed(), List.of(courseRule("rule_ok"), gone), TEMPLATES);

        assertThat(match.status()).isEqualTo("failed");
        assertThat(match.detail())
                .isEqualTo("1 certificate(s) requested. rule rule_gone: template tmpl_deleted does not exist");
        assertThat(match.ruleIds()).containsExactly("rule_ok", "rule_gone");
        assertThat(match.requests()).hasSize(1);
        assertThat(match.requests().getFirst().templateId()).isEqualTo("tmpl_course");
        assertThat(match.requests().getFirst().requestKey()).isEqualTo("rule/rule_ok/" + TENANT + "/565/123");
    }

    @Test
    void canvasWritebacksPointAtTheLearnerAndCourseWithTheRulesNamespace() {
        Rule rule = rule("rule_1", definition("course_completed", "565", "tmpl_course", null, null, COURSE_FIELDS,
                null, List.of(new WritebackSpec("canvas_custom_data", Map.of("namespace", "com.example.certbridge"))), null));

        CertificateRequest request = matcher.match(completed(), List.of(rule), TEMPLATES).requests().getFirst();

        assertThat(request.writebacks()).containsExactly(new WritebackTarget("canvas-custom-data-sink",
                Map.of("user_id", "123", "course_id", "565", "namespace", "com.example.certbridge")));
    }

    @Test
    void moodleWritebacksPointAtTheLearnerAndTheRulesProfileField() {
        ObjectNode data = sample("moodle-course_completed.json");
        data.remove("token");
        IntakeEvent event = events.event("moodle", "\\core\\event\\course_completed",
                "\\core\\event\\course_completed/57/41/1730814120", "moodle.example.com", new Learner("41", null, null),
                new Course("12", null), true, null, data);
        Rule rule = rule("rule_m", new RuleDefinition("Moodle course 12", "moodle", "\\core\\event\\course_completed",
                "12", null, "tmpl_plain", null, null, new RecipientMapping("Learner 41", "learner41@example.edu"), null,
                List.of(new WritebackSpec("moodle_profile_field", Map.of("field", "certificate_url"))), "sandbox", null));

        RuleMatch match = matcher.match(event, List.of(rule), TEMPLATES);

        assertThat(match.status()).isEqualTo("matched");
        CertificateRequest request = match.requests().getFirst();
        assertThat(request.environment()).isEqualTo("sandbox");
        assertThat(request.requestKey()).isEqualTo("rule/rule_m/moodle.example.com/12/41");
        assertThat(request.writebacks()).containsExactly(new WritebackTarget("moodle-update-user-sink",
                Map.of("user_id", "41", "field", "certificate_url")));
    }

    @Test
    void aRuleWithoutWritebacksWritesNothingBack() {
        assertThat(matcher.match(completed(), List.of(courseRule("rule_1")), TEMPLATES).requests().getFirst()
                .writebacks()).isEmpty();
    }

    @Test
    void theRequestCitesTheEventItCameFrom() {
        IntakeEvent event = completed();

        CertificateRequest request = matcher.match(event, List.of(courseRule("rule_1")), TEMPLATES).requests()
                .getFirst();

        assertThat(event.id()).startsWith("iev_");
        assertThat(event.sha256()).matches("[0-9a-f]{64}");
        assertThat(request.source())
                .isEqualTo(new SourceEvent("canvas", "course_completed", event.id(), event.sha256()));
        assertThat(request.expiresAt()).isNull();
        assertThat(request.batchId()).isNull();
    }

    static JsonNode text(String value) {
        return JsonNodeFactory.instance.textNode(value);
    }
}
