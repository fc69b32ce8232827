package io.certbridge.mail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.template.FieldConversion;
import io.certbridge.template.FieldValues;
import io.certbridge.template.Template;
import io.certbridge.template.Template.FieldType;
import io.certbridge.template.Template.TemplateField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mail row's values in the types of the template's fields, and what the template's check finds wrong with
 * the row, in words for the sender ("completed_on is not a date (YYYY-MM-DD): 31/02/2026") rather than the
 * API's paths, so that a row the hub would refuse is never sent to the batch.
 */
record RowValues(Map<String, JsonNode> fields, List<String> problems) {

    private static final String FIELDS = "fields";
    private static final int MAX_NAME = 200;

    static RowValues of(Template template, IssuanceMail.Row row) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        template.fields().stream().filter(field -> row.fields().containsKey(field.name())).forEach(field -> fields.put(
                field.name(), FieldConversion.to(field.type(), TextNode.valueOf(row.fields().get(field.name())))));
        List<String> problems = new ArrayList<>();
        for (FieldError error : FieldValues.checkRecipient(row.name(), row.email(), "recipient")) {
            problems.add(error.field().endsWith("email") ? "the e-mail address is not valid: " + row.email()
                    : row.name().length() > MAX_NAME ? "the name is longer than " + MAX_NAME + " characters"
                    : "the name " + error.detail());
        }
        for (FieldError error : FieldValues.check(template, fields, FIELDS)) {
            String name = error.field().substring(FIELDS.length() + 1);
            TemplateField field = template.fields().stream().filter(f -> f.name().equals(name)).findFirst()
                    .orElseThrow();
            problems.add(inWords(field, row.fields().get(name), fields.get(name), error.detail()));
        }
        return new RowValues(fields, List.copyOf(problems));
    }

    private static String inWords(TemplateField field, String written, JsonNode value, String detail) {
        if (written == null) {
            return field.name() + " is missing";
        }
        if (field.type() == FieldType.date) {
            return field.name() + " is not a date (YYYY-MM-DD): " + written;
        }
        if (field.type() == FieldType.number && !value.isNumber()) {
            return field.name() + " is not a number: " + written;
        }
        return field.name() + " " + detail;
    }
}
