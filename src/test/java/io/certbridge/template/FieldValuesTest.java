package io.certbridge.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.template.Template.FieldType;
import io.certbridge.template.Template.TemplateField;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FieldValuesTest {

    /** Reads numbers as the API does (spring.jackson.deserialization.use-big-decimal-for-floats). */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final Template TEMPLATE = new Template("tmpl_1", "template", "Course", null, null,
            List.of(new TemplateField("venue", FieldType.string, false),
                    new TemplateField("grade", FieldType.number, false)),
            null, null, false, null, null, null, Instant.EPOCH);

    private static List<FieldError> checkGrade(String number) throws Exception {
        return FieldValues.check(TEMPLATE, Map.of("grade", JSON.readTree(number)), "fields");
    }

    private static List<FieldError> checkVenue(String text) {
        return FieldValues.check(TEMPLATE, Map.of("venue", TextNode.valueOf(text)), "fields");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ada\u0001", "Ada\uFFFE", "Ada\uFFFF", "Ada\uD800", "\uDC00Ada", "Ada\u001F"})
    void refusesCharactersThatDocumentsCannotHold(String text) {
        assertThat(FieldValues.checkRecipient(text, "a@example.org", "recipient"))
                .containsExactly(new FieldError("recipient.name", FieldValues.NOT_DOCUMENT_TEXT));
        assertThat(checkVenue(text))
                .containsExactly(new FieldError("fields.venue", FieldValues.NOT_DOCUMENT_TEXT));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"})
    void refusesBidirectionalControlsThatReorderTheTextAroundThem(String control) {
        assertThat(FieldValues.checkRecipient("Zoë " + control + "evil", "z@example.org", "recipient"))
                .extracting(FieldError::field).containsExactly("recipient.name");
        assertThat(checkVenue("Hall " + control + "12")).extracting(FieldError::field).containsExactly("fields.venue");
        assertThat(BidiControls.code(checkVenue(control))).isEqualTo("bidi_control_character");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u200E", "\u200F", "\u061C", "\u2029", "\u202F", "\u206A"})
    void acceptsDirectionMarksAndTheCharactersBesideTheControls(String character) {
        assertThat(FieldValues.checkRecipient("נועה" + character + " 2", "n@example.org", "recipient")).isEmpty();
        assertThat(checkVenue("Hall" + character)).isEmpty();
    }

    @Test
    void refusesAValueThatOnlyLooksBlank() {
        // U+001F counts as whitespace, so without the check this optional value would pass as missing yet be stored
        assertThat(checkVenue("\u001F"))
                .containsExactly(new FieldError("fields.venue", FieldValues.NOT_DOCUMENT_TEXT));
    }

    @Test
    void acceptsTabsLineBreaksAndCharactersBeyondTheBasicPlane() {
        String text = "Ada\tLovelace\r\nRoom 1 \uD83C\uDF93 \u00E9\uFFFD";

        assertThat(FieldValues.checkRecipient(text, "a@example.org", "recipient")).isEmpty();
        assertThat(checkVenue(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"97.5", "0.1", "-3", "120", "1E+2", "123456789012345"})
    void acceptsNumbersThatASignatureHoldsExactly(String number) throws Exception {
        assertThat(checkGrade(number)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345678901234567890123.5", "12345678901234567890999", "1e400", "1e-400",
            "0.12345678901234567890"})
    void refusesNumbersThatASignatureCannotHoldExactly(String number) throws Exception {
        assertThat(checkGrade(number)).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("fields.grade");
            assertThat(error.detail()).contains("15 significant digits");
        });
    }
}
