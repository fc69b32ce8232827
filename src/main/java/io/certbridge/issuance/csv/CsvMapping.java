package io.certbridge.issuance.csv;

import io.certbridge.shared.problems.FieldError;
import io.certbridge.shared.problems.ValidationFailed;
import io.certbridge.template.Template;
import io.certbridge.template.Template.TemplateField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which CSV column fills what: {@code name}, {@code email}, {@code field:<template field>} or {@code expires_at},
 * keyed by the column's name in the header. Columns the mapping does not name are not read.
 */
final class CsvMapping {

    static final String NAME = "name";
    static final String EMAIL = "email";
    static final String EXPIRES_AT = "expires_at";
    static final String FIELD = "field:";

    private static final Pattern SEPARATORS = Pattern.compile("[\\s_.-]+");
    private static final Set<String> NAMES = Set.of("name", "full_name", "recipient", "recipient_name",
            "learner_name", "student_name", "participant_name");
    private static final Set<String> EMAILS = Set.of("email", "e_mail", "email_address", "e_mail_address", "mail",
            "recipient_email", "learner_email", "student_email");
    private static final Set<String> EXPIRIES = Set.of("expires_at", "expires", "expires_on", "expiry",
            "expiry_date", "expiration", "expiration_date", "valid_until");

    private CsvMapping() {
    }

    /** A mapping from the header's names: name and e-mail by their usual names, fields by theirs (any case). */
    static Map<String, String> suggest(List<String> columns, Template template) {
        Map<String, String> fields = new HashMap<>();
        template.fields().forEach(field -> fields.putIfAbsent(normalized(field.name()), FIELD + field.name()));
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String column : columns) {
            String key = normalized(column);
            String target = NAMES.contains(key) ? NAME : EMAILS.contains(key) ? EMAIL
                    : EXPIRIES.contains(key) ? EXPIRES_AT : fields.get(key);
            if (target != null && !column.isBlank() && !mapping.containsValue(target)) {
                mapping.put(column, target);
            }
        }
        return mapping;
    }

    /**
     * The target of each column by its position (null for a column not read).
     *
     * @throws ValidationFailed naming {@code mapping.<column>} for each target that is unknown or taken twice, and
     *                          {@code mapping} when no column gives the name or the e-mail address
     */
    static List<String> resolve(List<String> columns, Map<String, String> mapping, Template template) {
        List<FieldError> errors = new ArrayList<>();
        List<String> targets = new ArrayList<>(columns.stream().map(c -> (String) null).toList());
        Map<String, String> taken = new HashMap<>();
        mapping.forEach((column, target) -> {
            String at = "mapping." + column;
            int position = columns.indexOf(column);
            if (position < 0) {
                errors.add(new FieldError(at, "is not a column of the file's header"));
            } else if (columns.lastIndexOf(column) != position) {
                errors.add(new FieldError(at, "names more than one column of the header"));
            } else if (!isTarget(target, template)) {
                errors.add(new FieldError(at, "must be name, email, expires_at or field:<name> of one of the"
                        + " template's fields"));
            } else if (taken.putIfAbsent(target, column) != null) {
                errors.add(new FieldError(at, "maps to " + target + ", as column " + taken.get(target) + " does"));
            } else {
                targets.set(position, target);
            }
        });
        for (String required : List.of(NAME, EMAIL)) {
            if (!taken.containsKey(required)) {
                errors.add(new FieldError("mapping", "maps no column to " + required));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return targets;
    }

    private static boolean isTarget(String target, Template template) {
        if (target == null) {
            return false;
        }
        if (target.equals(NAME) || target.equals(EMAIL) || target.equals(EXPIRES_AT)) {
            return true;
        }
        return target.startsWith(FIELD) && template.fields().stream().map(TemplateField::name)
                .anyMatch(name -> name.equals(target.substring(FIELD.length())));
    }

    private static String normalized(String name) {
        return SEPARATORS.matcher(name.strip().toLowerCase(Locale.ROOT)).replaceAll("_");
    }
}
