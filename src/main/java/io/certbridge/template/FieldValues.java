package io.certbridge.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.template.Template.TemplateField;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks a certificate's field values and recipient against its template. */
public final class FieldValues {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    static final String NOT_DOCUMENT_TEXT =
            "contains a control character or a character that is not allowed in documents";

    private FieldValues() {
    }

    /** @param prefix the path of the fields object in the request, e.g. {@code fields} or {@code recipients[3].fields} */
    public static List<FieldError> check(Template template, Map<String, JsonNode> values, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, JsonNode> given = values == null ? Map.of() : values;
        for (TemplateField field : template.fields()) {
            JsonNode value = given.get(field.name());
            String path = prefix + "." + field.name();
            if (value != null && value.isTextual() && !isDocumentText(value.asText())) {
                errors.add(new FieldError(path, NOT_DOCUMENT_TEXT));
                continue;
            }
            if (value != null && value.isTextual() && BidiControls.in(value.asText())) {
                errors.add(BidiControls.error(path));
                continue;
            }
            if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
                if (field.required()) {
                    errors.add(new FieldError(path, "is required by template " + template.id()));
                }
                continue;
            }
            String problem = typeProblem(field, value);
            if (problem != null) {
                errors.add(new FieldError(path, problem));
            }
        }
        for (String name : given.keySet()) {
            if (template.fields().stream().noneMatch(f -> f.name().equals(name))) {
                errors.add(new FieldError(prefix + "." + name, "is not a field of template " + template.id()));
            }
        }
        return errors;
    }

    private static String typeProblem(TemplateField field, JsonNode value) {
        return switch (field.type()) {
            case string -> value.isTextual() ? null : "must be a string";
            case number -> !value.isNumber() ? "must be a number"
                    : !isExactDouble(value) ? "cannot be signed exactly: a credential holds numbers as 64-bit"
                            + " floating point, so use at most 15 significant digits" : null;
            case date -> value.isTextual() && isIsoDate(value.asText()) ? null
                    : "must be an ISO 8601 date (YYYY-MM-DD)";
        };
    }

    /**
     * Credentials sign fields in the JSON canonicalization scheme (RFC 8785), which writes numbers as doubles: a
     * value that does not survive the round trip could be changed without breaking the signature.
     */
    private static boolean isExactDouble(JsonNode value) {
        double asDouble = value.doubleValue();
        return Double.isFinite(asDouble)
                && value.decimalValue().compareTo(new BigDecimal(Double.toString(asDouble))) == 0;
    }

    /** XML 1.0 refuses other characters, and certificate documents are rendered from XHTML. */
    static boolean isDocumentText(String text) {
        return text.codePoints().allMatch(c -> c == '\t' || c == '\n' || c == '\r'
                || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || c >= 0x10000);
    }

    private static boolean isIsoDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** A required text of 1 to {@code maxLength} characters that a document can show; its error, if it has one. */
    public static Optional<FieldError> checkText(String value, int maxLength, String path) {
        if (value == null || value.isBlank() || value.length() > maxLength) {
            return Optional.of(new FieldError(path, "is required (1 to " + maxLength + " characters)"));
        }
        if (!isDocumentText(value)) {
            return Optional.of(new FieldError(path, NOT_DOCUMENT_TEXT));
        }
        return BidiControls.in(value) ? Optional.of(BidiControls.error(path)) : Optional.empty();
    }

    public static List<FieldError> checkRecipient(String name, String email, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > 200) {
            errors.add(new FieldError(prefix + ".name", "is required (1 to 200 characters)"));
        } else if (!isDocumentText(name)) {
            errors.add(new FieldError(prefix + ".name", NOT_DOCUMENT_TEXT));
        } else if (BidiControls.in(name)) {
            errors.add(BidiControls.error(prefix + ".name"));
        }
        if (email == null || email.length() > 254 || !EMAIL.matcher(email).matches()) {
            errors.add(new FieldError(prefix + ".email", "must be an e-mail address"));
        }
        return errors;
    }
}
