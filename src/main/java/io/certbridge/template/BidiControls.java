package io.certbridge.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.shared.problems.InvalidInput;
import io.certbridge.shared.problems.ValidationFailed;
import java.util.List;
import java.util.Map;

/**
 * Bidirectional control characters (the embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069)
 * change the order in which the text around them is shown: "Zoë \u202Eevil" shows as "Zoë live". A certificate
 * must show exactly what was signed, so values holding them are refused rather than rendered.
 */
public final class BidiControls {

    public static final String CODE = "bidi_control_character";

    private static final String DETAIL = "contains a bidirectional control character (U+202A to U+202E or U+2066 to U+2069),"
            + " which would change the order in which the text is shown";

    private BidiControls() {
    }

    public static boolean in(String text) {
        return text != null && text.chars().anyMatch(c -> c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069);
    }

    /** @param prefix the path of the fields object in the request, e.g. {@code recipients[3].fields} */
    public static List<FieldError> inFields(Map<String, JsonNode> values, String prefix) {
        return values == null ? List.of() : values.entrySet().stream()
                .filter(e -> e.getValue() != null && e.getValue().isTextual() && in(e.getValue().asText()))
                .map(e -> error(prefix + "." + e.getKey()))
                .toList();
    }

    public static FieldError error(String path) {
        return new FieldError(path, DETAIL);
    }

    /** The code of a refusal: a bidirectional control anywhere names it, as the caller must remove them first. */
    public static String code(List<FieldError> errors) {
        return errors.stream().anyMatch(e -> DETAIL.equals(e.detail())) ? CODE : ValidationFailed.CODE;
    }

    /** The refusal of {@code errors}, whose code is {@link #CODE} when any of them is a bidirectional control. */
    public static InvalidInput problem(List<FieldError> errors) {
        return code(errors).equals(CODE)
                ? new InvalidInput(CODE, "Text holds a bidirectional control character",
                        ValidationFailed.summary(errors), errors)
                : new ValidationFailed(errors);
    }
}
