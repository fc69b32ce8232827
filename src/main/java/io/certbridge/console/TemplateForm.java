package io.certbridge.console;

import io.certbridge.shared.problems.FieldError;
import io.certbridge.template.Template;
import io.certbridge.template.TemplateDrafts.CreateTemplate;
import io.certbridge.template.TemplateDrafts.FieldSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template form as posted: the API's template with its numbers as typed, and rows of fields of which the
 * blank ones are left out. {@code base} is the template this one is a new version of, whose outside issuer and
 * TrueScreen settings it keeps.
 */
record TemplateForm(String name, String description, String criteria, List<FieldRow> fields, String validForDays,
                    String design, Boolean emailDelivery, String base) {

    record FieldRow(String name, String type, Boolean required) {

        public boolean blank() {
            return (name == null || name.isBlank());
        }
    }

    /** Blank rows a form offers for new fields. */
    static final int NEW_ROWS = 3;
    private static final Pattern ROW = Pattern.compile("^fields\\[(\\d+)]");

    static TemplateForm empty() {
        return new TemplateForm("", "", "", List.of(), "", null, false, null).withNewRows();
    }

    /** A form holding {@code template}, to be saved as a new version of it. */
    static TemplateForm of(Template template) {
        return new TemplateForm(template.name(), template.description(), template.criteria(),
                template.fields().stream().map(f -> new FieldRow(f.name(), f.type().name(), f.required())).toList(),
                template.validForDays() == null ? "" : String.valueOf(template.validForDays()), template.design(),
                template.emailDelivery(), template.id()).withNewRows();
    }

    TemplateForm withNewRows() {
        List<FieldRow> rows = new ArrayList<>(filled());
        for (int i = 0; i < NEW_ROWS; i++) {
            rows.add(new FieldRow("", "string", false));
        }
        return new TemplateForm(name, description, criteria, rows, validForDays, design, emailDelivery, base);
    }

    private List<FieldRow> filled() {
        return fields == null ? List.of() : fields.stream().filter(row -> row != null && !row.blank()).toList();
    }

    /** The form as the API's body; {@code errors} gets what cannot even be put into one. */
    CreateTemplate body(Template baseTemplate, List<FieldError> errors) {
        Integer days = null;
        if (validForDays != null && !validForDays.isBlank()) {
            try {
                days = Integer.valueOf(validForDays.strip());
            } catch (NumberFormatException e) {
                errors.add(new FieldError("valid_for_days", "must be a whole number of days"));
            }
        }
        List<FieldSpec> specs = filled().stream().map(row -> new FieldSpec(row.name().strip(), type(row.type()),
                Boolean.TRUE.equals(row.required()))).toList();
        return new CreateTemplate(name, blankToNull(description), blankToNull(criteria), specs, days,
                blankToNull(design), Boolean.TRUE.equals(emailDelivery),
                baseTemplate == null ? null : baseTemplate.issuer(),
                baseTemplate == null ? null : baseTemplate.externalTemplateId(),
                baseTemplate == null ? null : baseTemplate.truescreen());
    }

    /**
     * The errors of the body with each {@code fields[i]} renumbered as the form's row: the body leaves the blank
     * rows out, the form shows them.
     */
    List<FieldError> onFormRows(List<FieldError> errors) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; fields != null && i < fields.size(); i++) {
            if (fields.get(i) != null && !fields.get(i).blank()) {
                rows.add(i);
            }
        }
        return errors.stream().map(error -> {
            Matcher matcher = ROW.matcher(error.field());
            if (!matcher.find()) {
                return error;
            }
            int index = Integer.parseInt(matcher.group(1));
            return index < rows.size() ? new FieldError(matcher.replaceFirst("fields[" + rows.get(index) + "]"),
                    error.detail()) : error;
        }).toList();
    }

    private static Template.FieldType type(String type) {
        try {
            return type == null ? null : Template.FieldType.valueOf(type);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
