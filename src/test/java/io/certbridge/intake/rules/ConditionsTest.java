package io.certbridge.intake.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.certbridge.intake.rules.RuleDefinition.Condition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operators a rule's conditions use, on the kind of values events carry. */
class ConditionsTest {

    static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    static final JsonNode EVENT = json("""
            {"learner": {"id": "123", "email": null, "name": ""},
             "data": {"body": {
                "grade": "18", "score": 18, "points_possible": 20.0, "grading_complete": true,
                "progress": {"requirement_count": 6, "requirement_completed_count": 5,
                             "completed_at": "2024-11-05T13:38:00Z"},
                "course": {"id": "565", "sis_source_id": "2024.CS101.A"}}}}
            """);

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static boolean holds(String path, String operator, String value) {
        return Conditions.holds(new Condition(path, operator, value, null), EVENT);
    }

    static boolean in(String path, String... values) {
        return Conditions.holds(new Condition(path, "in", null, List.of(values)), EVENT);
    }

    @Test
    void theOperatorsAreExactlyThoseDocumented() {
        assertThat(Conditions.OPERATORS)
                .containsExactlyInAnyOrder("exists", "equals", "not_equals", "gt", "gte", "lt", "lte", "in");
    }

    @Test
    void existsIsTrueOnlyForAValueThatIsThere() {
        assertThat(holds("$.learner.id", "exists", null)).isTrue();
        assertThat(holds("$.data.body.grading_complete", "exists", null)).isTrue();
        assertThat(holds("$.learner.missing", "exists", null)).isFalse();
        assertThat(holds("$.learner.email", "exists", null)).as("null counts as missing").isFalse();
        assertThat(holds("$.learner.name", "exists", null)).as("blank text counts as missing").isFalse();
    }

    @Test
    void equalsComparesNumbersAsNumbers() {
        assertThat(holds("$.data.body.grade", "equals", "18.0")).isTrue();
        assertThat(holds("$.data.body.score", "equals", "18")).isTrue();
        assertThat(holds("$.data.body.points_possible", "equals", "20")).isTrue();
        assertThat(holds("$.data.body.score", "equals", "17.99")).isFalse();
        assertThat(Conditions.holds(new Condition("$.n", "equals", "3.0", null), json("{\"n\": \"3\"}"))).isTrue();
        assertThat(Conditions.holds(new Condition("$.n", "equals", "3", null), json("{\"n\": 3.0}"))).isTrue();
    }

    @Test
    void equalsComparesOtherValuesAsExactText() {
        assertThat(holds("$.data.body.course.sis_source_id", "equals", "2024.CS101.A")).isTrue();
        assertThat(holds("$.data.body.course.sis_source_id", "equals", "2024.cs101.a")).isFalse();
        assertThat(holds("$.data.body.grading_complete", "equals", "true")).isTrue();
        assertThat(holds("$.data.body.grading_complete", "equals", "false")).isFalse();
    }

    @Test
    void notEqualsIsTheOppositeOfEqualsAndHoldsForAMissingValue() {
        assertThat(holds("$.data.body.grade", "not_equals", "18.00")).isFalse();
        assertThat(holds("$.data.body.grade", "not_equals", "17")).isTrue();
        assertThat(holds("$.data.body.course.id", "not_equals", "565")).isFalse();
        assertThat(holds("$.data.body.course.id", "not_equals", "566")).isTrue();
        assertThat(holds("$.data.body.missing", "not_equals", "anything")).isTrue();
        assertThat(holds("$.learner.email", "not_equals", "ada@example.com")).isTrue();
    }

    @Test
    void orderingOperatorsCompareNumbersByValueNotByText() {
        // as text "5" > "10"; as numbers 5 < 10
        JsonNode document = json("{\"count\": \"5\"}");
        assertThat(Conditions.holds(new Condition("$.count", "lt", "10", null), document)).isTrue();
        assertThat(Conditions.holds(new Condition("$.count", "gt", "10", null), document)).isFalse();

        assertThat(holds("$.data.body.score", "gt", "17.5")).isTrue();
        assertThat(holds("$.data.body.score", "gt", "18")).isFalse();
        assertThat(holds("$.data.body.score", "gte", "18.0")).isTrue();
        assertThat(holds("$.data.body.score", "gte", "18.01")).isFalse();
        assertThat(holds("$.data.body.score", "lt", "18")).isFalse();
        assertThat(holds("$.data.body.score", "lt", "100")).isTrue();
        assertThat(holds("$.data.body.score", "lte", "18")).isTrue();
        assertThat(holds("$.data.body.score", "lte", "9")).isFalse();
        assertThat(holds("$.data.body.progress.requirement_completed_count", "gte", "6")).isFalse();
        assertThat(holds("$.data.body.progress.requirement_count", "gte", "6")).isTrue();
    }

    @Test
    void isoDatesCompareInTimeOrder() {
        String completedAt = "$.data.body.progress.completed_at"; // 2024-11-05T13:38:00Z
        assertThat(holds(completedAt, "gte", "2024-11-01")).isTrue();
        assertThat(holds(completedAt, "gt", "2024-11-05T13:37:59Z")).isTrue();
        assertThat(holds(completedAt, "gt", "2024-11-05T13:38:00Z")).isFalse();
        assertThat(holds(completedAt, "gte", "2024-11-05T13:38:00Z")).isTrue();
        assertThat(holds(completedAt, "lt", "2024-12-01")).isTrue();
        assertThat(holds(completedAt, "lt", "2024-09-30")).isFalse();
        assertThat(holds(completedAt, "lte", "2024-11-05T13:38:00Z")).isTrue();
        assertThat(holds(completedAt, "equals", "2024-11-05T13:38:00Z")).isTrue();
    }

    @Test
    void inMatchesAnyOfTheValuesComparedLikeEquals() {
        assertThat(in("$.data.body.course.id", "564", "565")).isTrue();
        assertThat(in("$.data.body.course.id", "564", "566")).isFalse();
        assertThat(in("$.data.body.score", "17.0", "18.0")).isTrue();
        assertThat(in("$.data.body.course.sis_source_id", "2024.CS101.B", "2024.CS101.A")).isTrue();
        assertThat(in("$.data.body.missing", "565")).isFalse();
        assertThat(Conditions.holds(new Condition("$.data.body.course.id", "in", null, null), EVENT)).isFalse();
    }

    @Test
    void aMissingValueSatisfiesNoComparison() {
        for (String operator : List.of("equals", "gt", "gte", "lt", "lte")) {
            assertThat(holds("$.data.body.missing", operator, "0")).as(operator + " on a missing value").isFalse();
            assertThat(holds("$.learner.email", operator, "0")).as(operator + " on null").isFalse();
        }
    }

    @Test
    void aComparisonWithoutAValueNeverHolds() {
        assertThat(holds("$.data.body.score", "equals", null)).isFalse();
        assertThat(holds("$.data.body.score", "gte", null)).isFalse();
    }
}
