package io.certbridge.mail;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tells what the keys of an issuance mail (body keys, CSV column names) stand for: "Name" and "Email" are
 * the recipient, any other key is one of the template's fields, compared ignoring case and treating spaces,
 * hyphens and underscores alike, so "Completed on" is the field completed_on.
 */
final class TemplateKeys {

    enum Role { NAME, EMAIL, FIELD, UNKNOWN }

    /** What a key stands for: {@code name} is "name", "email", the template's field name, or the key as written. */
    record Key(Role role, String name) {
    }

    static final Key NAME = new Key(Role.NAME, "name");
    static final Key EMAIL = new Key(Role.EMAIL, "email");

    private static final Pattern SEPARATORS = Pattern.compile("[\\s_-]+");

    private final String templateRef;
    private final Map<String, String> fields = new HashMap<>();

    TemplateKeys(String templateRef, List<String> fieldNames) {
        this.templateRef = templateRef;
        fieldNames.forEach(field -> fields.putIfAbsent(normalized(field), field));
    }

    Key key(String written) {
        if (written.equalsIgnoreCase("name")) {
            return NAME;
        }
        if (written.equalsIgnoreCase("email")) {
            return EMAIL;
        }
        String field = fields.get(normalized(written));
        return field == null ? new Key(Role.UNKNOWN, written) : new Key(Role.FIELD, field);
    }

    String notAField(Key key) {
        return key.name() + " is not a field of template " + templateRef;
    }

    private static String normalized(String key) {
        return SEPARATORS.matcher(key.strip().toLowerCase(Locale.ROOT)).replaceAll("_");
    }
}
