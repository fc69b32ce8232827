package io.certbridge.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.template.Template.FieldType;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** How a value taken from an event is shaped into the type of the template field it fills. */
class FieldConversionTest {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static JsonNode text(String value) {
        return NODES.textNode(value);
    }

    @Test
    void aStringFieldTakesAnyScalarAsItsText() {
        assertThat(FieldConversion.to(FieldType.string, text("Computer Science I")))
                .isEqualTo(text("Computer Science I"));
        assertThat(FieldConversion.to(FieldType.string, NODES.numberNode(565))).isEqualTo(text("565"));
        assertThat(FieldConversion.to(FieldType.string, NODES.numberNode(new BigDecimal("18.5"))))
                .isEqualTo(text("18.5"));
        assertThat(FieldConversion.to(FieldType.string, NODES.booleanNode(true))).isEqualTo(text("true"));
    }

    @Test
    void aStringFieldLeavesAnObjectAsItIs() {
        ObjectNode course = NODES.objectNode().put("id", "565");
        assertThat(FieldConversion.to(FieldType.string, course)).isSameAs(course);
    }

    @Test
    void aNumberFieldTurnsNumericTextIntoANumber() {
        JsonNode eighteen = FieldConversion.to(FieldType.number, text("18"));
        assertThat(eighteen.isNumber()).isTrue();
        assertThat(eighteen.decimalValue()).isEqualByComparingTo("18");

        JsonNode decimal = FieldConversion.to(FieldType.number, text(" 92.50 "));
        assertThat(decimal.isNumber()).isTrue();
        assertThat(decimal.decimalValue()).isEqualByComparingTo("92.5");

        JsonNode negative = FieldConversion.to(FieldType.number, text("-0.25"));
        assertThat(negative.decimalValue()).isEqualByComparingTo("-0.25");
    }

    @Test
    void aNumberFieldKeepsNumbersAndLeavesOtherTextUnchanged() {
        JsonNode score = NODES.numberNode(18);
        assertThat(FieldConversion.to(FieldType.number, score)).isSameAs(score);
        assertThat(FieldConversion.to(FieldType.number, text("eighteen"))).isEqualTo(text("eighteen"));
        assertThat(FieldConversion.to(FieldType.number, text("18 points"))).isEqualTo(text("18 points"));
        JsonNode passed = NODES.booleanNode(true);
        assertThat(FieldConversion.to(FieldType.number, passed)).isSameAs(passed);
    }

    @Test
    void aDateFieldTakesTheUtcDateOfAnIsoTimestamp() {
        assertThat(FieldConversion.to(FieldType.date, text("2024-11-05T13:38:00Z"))).isEqualTo(text("2024-11-05"));
        assertThat(FieldConversion.to(FieldType.date, text("2024-11-05T13:40:02.118Z"))).isEqualTo(text("2024-11-05"));
        assertThat(FieldConversion.to(FieldType.date, text("2024-11-05T13:38:00+01:00"))).isEqualTo(text("2024-11-05"));
    }

    @Test
    void aDateFieldMovesATimestampAcrossMidnightToItsUtcDate() {
        // 23:30 in New York on 5 November is 04:30 UTC on 6 November
        assertThat(FieldConversion.to(FieldType.date, text("2024-11-05T23:30:00-05:00"))).isEqualTo(text("2024-11-06"));
        // 00:30 in Stockholm on 6 November is 23:30 UTC on 5 November
        assertThat(FieldConversion.to(FieldType.date, text("2024-11-06T00:30:00+01:00"))).isEqualTo(text("2024-11-05"));
        // the turn of the year too
        assertThat(FieldConversion.to(FieldType.date, text("2025-01-01T00:15:00+02:00"))).isEqualTo(text("2024-12-31"));
    }

    @Test
    void aDateFieldTakesTheUtcDateOfUnixSeconds() {
        // Moodle's timecreated of the course_completed sample: 2024-11-05T13:42:00Z
        assertThat(FieldConversion.to(FieldType.date, NODES.numberNode(1730814120L))).isEqualTo(text("2024-11-05"));
        assertThat(FieldConversion.to(FieldType.date, NODES.numberNode(0))).isEqualTo(text("1970-01-01"));
        // one second before midnight UTC, and midnight itself
        assertThat(FieldConversion.to(FieldType.date, NODES.numberNode(1730851199L))).isEqualTo(text("2024-11-05"));
        assertThat(FieldConversion.to(FieldType.date, NODES.numberNode(1730851200L))).isEqualTo(text("2024-11-06"));
    }

    @Test
    void aDateFieldLeavesADateAndWhatItCannotReadUnchanged() {
        assertThat(FieldConversion.to(FieldType.date, text("2024-11-05"))).isEqualTo(text("2024-11-05"));
        assertThat(FieldConversion.to(FieldType.date, text("5 November 2024"))).isEqualTo(text("5 November 2024"));
        assertThat(FieldConversion.to(FieldType.date, text("2024-11-05 13:38"))).isEqualTo(text("2024-11-05 13:38"));
        assertThat(FieldConversion.to(FieldType.date, text("soon"))).isEqualTo(text("soon"));
        JsonNode passed = NODES.booleanNode(true);
        assertThat(FieldConversion.to(FieldType.date, passed)).isSameAs(passed);
        ObjectNode progress = NODES.objectNode().put("completed_at", "2024-11-05T13:38:00Z");
        assertThat(FieldConversion.to(FieldType.date, progress)).isSameAs(progress);
    }
}
