package io.certbridge.intake.rules;

import static io.certbridge.intake.IntakeFixtures.MAPPER;
import static io.certbridge.intake.IntakeFixtures.eventFactory;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.intake.IntakeEvent;
import io.certbridge.intake.IntakeEvent.Course;
import io.certbridge.intake.IntakeEvent.Learner;
import io.certbridge.intake.IntakeSettings;
import io.certbridge.intake.IntakeSettings.GenericSource;
import io.certbridge.intake.rules.RuleDefinition.WritebackSpec;
import io.certbridge.issuance.WritebackTarget;
import io.certbridge.issuance.WritebackType;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.shared.problems.MalformedInput;
import io.certbridge.writeback.canvas.CanvasCustomDataConnector;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

/**
 * A write-back type is registered by being a bean, and nowhere else: rules then take it by its name, its own spec
 * and checks apply to their write-backs, and its target is what a matching event points at. Here a made-up
 * {@code brightspace_award} is registered beside Canvas custom data, in a context of the rules' own classes.
 */
@SpringJUnitConfig(classes = {RuleValidator.class, WritebackTypes.class,
        WritebackTypeRegistrationTest.Registered.class})
class WritebackTypeRegistrationTest {

    /** A Brightspace award for the learner in the org unit the rule names (a number). */
    static final class BrightspaceAward implements WritebackType<BrightspaceAward.Spec> {

        record Spec(String orgUnitId) {
        }

        @Override
        public String type() {
            return "brightspace_award";
        }

        @Override
        public String source() {
            return "brightspace";
        }

        @Override
        public String name() {
            return "brightspace-award-sink";
        }

        @Override
        public Class<Spec> spec() {
            return Spec.class;
        }

        @Override
        public List<FieldError> problems(Spec spec, Paths paths) {
            return spec.orgUnitId() != null && spec.orgUnitId().matches("[0-9]+") ? List.of()
                    : List.of(new FieldError("org_unit_id", "must be a Brightspace org unit id"));
        }

        @Override
        public Map<String, Object> target(Spec spec, Event event) {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("user_id", event.learnerId());
            target.put("org_unit_id", spec.orgUnitId());
            return target;
        }
    }

    @Configuration
    static class Registered {

        @Bean
        BrightspaceAward brightspaceAward() {
            return new BrightspaceAward();
        }

        @Bean
        CanvasCustomDataConnector canvasCustomData() {
            return new CanvasCustomDataConnector(null, null);
        }

        @Bean
        IntakeSettings intakeSettings() {
            GenericSource brightspace = new GenericSource(List.of("secret"), "$.type", "$.user.id", null, null,
                    "$.org_unit.id", null, null);
            return new IntakeSettings(null, null, Map.of("brightspace", brightspace), null, Duration.ofSeconds(10),
                    Duration.ofDays(90), 3_600_000);
        }

        @Bean
        ObjectMapper objectMapper() {
            return MAPPER;
        }
    }

    @Autowired
    RuleValidator validator;

    @Autowired
    WritebackTypes types;

    static RuleDefinition rule(String source, WritebackSpec writeback) {
        return new RuleDefinition("Awards", source, "course_completed", null, null, "tmpl_course", null, null, null, null,
                List.of(writeback), "live", null);
    }

    static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void aRuleNamesTheRegisteredTypesAndNoOther() {
        List<FieldError> errors = validator.problems(rule("brightspace",
                new WritebackSpec("blackboard_grade", Map.of())), null);

        assertThat(errors).containsExactly(new FieldError("writebacks[0].type",
                "must be one of [brightspace_award, canvas_custom_data]"));
    }

    @Test
    void theRegisteredTypeChecksItsOwnPropertiesAndItsSource() {
        assertThat(validator.problems(rule("brightspace",
                new WritebackSpec("brightspace_award", Map.of("org_unit_id", "6606"))), null)).isEmpty();
        assertThat(validator.problems(rule("brightspace",
                new WritebackSpec("brightspace_award", Map.of("org_unit_id", "six"))), null))
                .containsExactly(new FieldError("writebacks[0].org_unit_id", "must be a Brightspace org unit id"));
        assertThat(fields(validator.problems(rule("canvas",
                new WritebackSpec("brightspace_award", Map.of("org_unit_id", "6606"))), null)))
                .containsExactly("writebacks[0].type");
    }

    @Test
    void aPropertyTheTypeDoesNotTakeIsMalformedAsAnywhereInARule() {
        MalformedInput unknown = catchThrowableOfType(MalformedInput.class, () -> validator.problems(rule("brightspace",
                new WritebackSpec("brightspace_award", Map.of("org_unit_id", "6606", "namespace", "com.x"))), null));
        assertThat(unknown.code()).isEqualTo("unknown_field");
        assertThat(unknown.errors()).containsExactly(new FieldError("writebacks[0].namespace", "is not a known field"));

        MalformedInput wrongType = catchThrowableOfType(MalformedInput.class, () -> validator.problems(
                rule("brightspace", new WritebackSpec("brightspace_award", Map.of("org_unit_id", List.of(1)))), null));
        assertThat(wrongType.code()).isEqualTo("invalid_type");
        assertThat(wrongType.errors()).containsExactly(
                new FieldError("writebacks[0].org_unit_id", "has the wrong type or format"));
    }

    @Test
    void aMatchingEventPointsAtTheTargetTheTypeDerivesForItsConnector() {
        IntakeEvent event = eventFactory().event("brightspace", "course_completed", "e1", null,
                new Learner("u7", "Ada", "ada@example.org"), new Course("6606", null), true, null,
                MAPPER.createObjectNode());

        List<WritebackTarget> targets = types.targets(rule("brightspace",
                new WritebackSpec("brightspace_award", Map.of("org_unit_id", "6606"))), event, MAPPER.valueToTree(event));

        assertThat(targets).containsExactly(new WritebackTarget("brightspace-award-sink",
                Map.of("user_id", "u7", "org_unit_id", "6606")));
    }
}
