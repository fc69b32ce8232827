package io.certbridge.template;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.MustacheParseException;
import com.samskivert.mustache.Template;
import io.certbridge.shared.ClasspathText;
import io.certbridge.shared.TextWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Fills a certificate design, an XHTML document with Mustache tags, with one certificate's values. Values are
 * HTML-escaped and missing ones render empty. The tags a design can use: {@code recipient_name},
 * {@code achievement_name}, {@code achievement_description}, {@code criteria}, {@code issuer_name},
 * {@code issued_on}, {@code expires_on}, {@code certificate_id}, {@code verification_url}, {@code qr_data_uri},
 * the list {@code fields} (each with {@code name} and {@code value}), {@code has_fields}, and
 * {@code field.<name>} for one field's value.
 */
@Component
public class CertificateDesign {

    private static final Mustache.Compiler MUSTACHE = Mustache.compiler()
            .escapeHTML(true)
            .defaultValue("")
            .emptyStringIsFalse(true);

    /** Mustache trims a tag as {@link String#trim()} does, so a control character may precede its sigil. */
    private static final String TAG_START = "\\{\\{[\\x00-\\x20]*";

    /**
     * Triple mustaches and {{& }} bypass escaping, so a value could break the XHTML; a delimiter change would
     * hide them from these checks; partials would need a template loader.
     */
    private static final Pattern UNSUPPORTED_TAG = Pattern.compile(TAG_START + "[{&=>]");

    /** Reads a tag as Mustache does: it ends at the first }}, and a {{ before that starts it over. */
    private static final Pattern SECTION_TAG = Pattern.compile(TAG_START + "([#^/])((?:(?!\\{\\{).)*?)}}",
            Pattern.DOTALL);

    private static final int MAX_OUTPUT = 1024 * 1024; // characters

    private static final Model SAMPLE = new Model("Ada Lovelace", "Sample achievement", "Sample description",
            "Sample criteria", "Sample issuer", "1 January 2026", "1 January 2027", "sample-id",
            "https://example.org/verify/sample-id", "data:image/png;base64,", List.of(new Field("sample", "value")));
    private static final Model EMPTY = new Model(null, null, null, null, null, null, null, null, null, null, List.of());

    private final Template defaultDesign = MUSTACHE.compile(ClasspathText.read("designs/default-certificate.html"));

    public record Field(String name, String value) {
    }

    /** One certificate's values; dates are already formatted for display and {@code expiresOn} may be null. */
    public record Model(String recipientName, String achievementName, String achievementDescription, String criteria,
                        String issuerName, String issuedOn, String expiresOn, String certificateId,
                        String verificationUrl, String qrDataUri, List<Field> fields) {
    }

    /** @param designOrNull a customer's design, or null for the default one */
    public String render(String designOrNull, Model model) {
        Template design = designOrNull == null ? defaultDesign : MUSTACHE.compile(designOrNull);
        TextWriter out = new TextWriter(MAX_OUTPUT);
        design.execute(values(model), out);
        return out.toString();
    }

    /**
     * Checks that a customer's design compiles as a template, uses only escaped tags and no section inside another,
     * and fills to well-formed XHTML whether its sections are shown or not.
     *
     * @throws IllegalArgumentException with a message for the customer saying what is wrong and where
     */
    public static void validate(String design) {
        if (UNSUPPORTED_TAG.matcher(design).find()) {
            throw new IllegalArgumentException("design uses {{{...}}}, {{&...}}, {{=...=}} or {{>...}}:"
                    + " only escaped value tags such as {{recipient_name}} and sections are allowed");
        }
        Template template;
        try {
            template = MUSTACHE.compile(design);
        } catch (MustacheParseException e) {
            throw new IllegalArgumentException("design is not a valid Mustache template: " + e.getMessage(), e);
        }
        refuseNestedSections(design);
        for (Model sample : List.of(SAMPLE, EMPTY)) {
            String xhtml;
            try {
                xhtml = template.execute(values(sample));
            } catch (MustacheException e) {
                throw new IllegalArgumentException("design cannot be filled in: " + e.getMessage(), e);
            }
            String root = Xhtml.parse(xhtml).getDocumentElement().getLocalName();
            if (!"html".equals(root)) {
                throw new IllegalArgumentException(
                        "design must be an XHTML document with <html> as its root element, not <" + root + ">");
            }
        }
    }

    /**
     * A {{#fields}} section repeats its content once per field, so nested ones multiply: a few levels would take
     * billions of steps to render. Refusing all nesting keeps the rule simple to state.
     */
    private static void refuseNestedSections(String design) {
        Matcher tag = SECTION_TAG.matcher(design);
        String open = null;
        while (tag.find()) {
            String section = "{{" + tag.group(1) + tag.group(2).strip() + "}}";
            if (tag.group(1).equals("/")) {
                open = null;
            } else if (open != null) {
                long line = design.substring(0, tag.start()).chars().filter(c -> c == '\n').count() + 1;
                throw new IllegalArgumentException(
                        "sections cannot be nested: %s inside %s at line %d".formatted(section, open, line));
            } else {
                open = section;
            }
        }
    }

    private static Map<String, Object> values(Model model) {
        Map<String, Object> values = new HashMap<>();
        values.put("recipient_name", model.recipientName());
        values.put("achievement_name", model.achievementName());
        values.put("achievement_description", model.achievementDescription());
        values.put("criteria", model.criteria());
        values.put("issuer_name", model.issuerName());
        values.put("issued_on", model.issuedOn());
        values.put("expires_on", model.expiresOn());
        values.put("certificate_id", model.certificateId());
        values.put("verification_url", model.verificationUrl());
        values.put("qr_data_uri", model.qrDataUri());
        List<Field> fields = model.fields() == null ? List.of() : model.fields();
        Map<String, String> byName = new LinkedHashMap<>();
        fields.forEach(field -> byName.put(field.name(), field.value()));
        values.put("fields", fields.stream().map(field -> {
            Map<String, String> entry = new HashMap<>();
            entry.put("name", field.name());
            entry.put("value", field.value());
            return entry;
        }).toList());
        values.put("has_fields", !fields.isEmpty());
        values.put("field", byName);
        return values;
    }
}
