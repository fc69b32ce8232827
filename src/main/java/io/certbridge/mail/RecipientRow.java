package io.certbridge.mail;

import io.certbridge.mail.IssuanceMail.Row;
import io.certbridge.mail.TemplateKeys.Key;
import io.certbridge.mail.TemplateKeys.Role;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One recipient as it is read, from a body block or a CSV row, and what is wrong with it, in words without
 * the row's number (the reply puts it in front). Values are trimmed; an empty value is no value.
 */
final class RecipientRow {

    /** Outlook's plain text writes a linked address as "ann@example.org &lt;mailto:ann@example.org&gt;". */
    private static final Pattern MAILTO = Pattern.compile("(?i)(\\S+)\\s*<mailto:\\1>");

    private final int number;
    private final TemplateKeys keys;
    private final Map<String, String> fields = new LinkedHashMap<>();
    private final Set<Key> given = new HashSet<>();
    private final List<String> problems = new ArrayList<>();
    private String name;
    private String email;

    RecipientRow(int number, TemplateKeys keys) {
        this.number = number;
        this.keys = keys;
    }

    void put(Key key, String value) {
        if (key.role() == Role.UNKNOWN) {
            problem(keys.notAField(key));
            return;
        }
        if (!given.add(key)) {
            problem(key.name() + " is given twice");
            return;
        }
        String text = value.strip();
        if (text.isEmpty()) {
            return;
        }
        switch (key.role()) {
            case NAME -> name = text;
            case EMAIL -> email = withoutMailto(text);
            default -> fields.put(key.name(), text);
        }
    }

    void problem(String what) {
        problems.add(what);
    }

    Row row() {
        if (name == null) {
            problem("the name is missing");
        }
        if (email == null) {
            problem("the e-mail address is missing");
        }
        return new Row(number, name, email, Collections.unmodifiableMap(fields), List.copyOf(problems));
    }

    private static String withoutMailto(String email) {
        Matcher mailto = MAILTO.matcher(email);
        return mailto.matches() ? mailto.group(1) : email;
    }
}
