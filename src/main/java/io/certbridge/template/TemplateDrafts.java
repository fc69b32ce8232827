package io.certbridge.template;

import io.certbridge.shared.problems.FieldError;
import io.certbridge.template.Template.FieldType;
import io.certbridge.template.Template.TemplateField;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * A template as {@code POST /v1/templates} describes it, checked: what is stored on creation and what a preview
 * renders without storing, so that a design the preview shows is one that can be created.
 */
@Component
public class TemplateDrafts {

    /** The body of {@code POST /v1/templates}. */
    public record CreateTemplate(String name, String description, String criteria, List<FieldSpec> fields,
                                 Integer validForDays, String design, Boolean emailDelivery, String issuer,
                                 String externalTemplateId, Template.TrueScreen truescreen) {
    }

    public record FieldSpec(String name, FieldType type, Boolean required) {
    }

    /** The id a template that is not stored carries in its preview. */
    public static final String DRAFT_ID = "tmpl_preview";

    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final int MAX_FIELDS = 50;
    private static final int MAX_TEXT = 10_000;
    private static final int MAX_DESIGN = 256 * 1024;

    private final IssuerCatalog issuers;
    private final CertificationCatalog certifications;

    TemplateDrafts(IssuerCatalog issuers, CertificationCatalog certifications) {
        this.issuers = issuers;
        this.certifications = certifications;
    }

    /**
     * The template {@code body} describes, not stored, with the id {@link #DRAFT_ID}.
     *
     * @throws io.certbridge.shared.problems.InvalidInput (422) with an error per offending field, as creation has
     */
    public Template draft(CreateTemplate body) {
        List<TemplateField> fields = validate(body);
        return new Template(DRAFT_ID, "template", body.name().strip(), body.description(), body.criteria(), fields,
                body.validForDays(), body.design(), Boolean.TRUE.equals(body.emailDelivery()), body.issuer(),
                body.externalTemplateId(), body.truescreen(), Instant.now());
    }

    /** The template fields of a valid body; else a 422 with an error per offending field. */
    public List<TemplateField> validate(CreateTemplate body) {
        List<FieldError> errors = new ArrayList<>(issuers.problems(body.issuer(), body.externalTemplateId()));
        errors.addAll(certifications.problems(body.truescreen()));
        if (body.name() == null || body.name().isBlank() || body.name().length() > 200) {
            errors.add(new FieldError("name", "is required (1 to 200 characters)"));
        }
        if (body.description() != null && body.description().length() > MAX_TEXT) {
            errors.add(new FieldError("description", "is longer than " + MAX_TEXT + " characters"));
        }
        if (body.criteria() != null && body.criteria().length() > MAX_TEXT) {
            errors.add(new FieldError("criteria", "is longer than " + MAX_TEXT + " characters"));
        }
        requireDocumentText("name", body.name(), errors);
        requireDocumentText("description", body.description(), errors);
        requireDocumentText("criteria", body.criteria(), errors);
        if (body.validForDays() != null && (body.validForDays() < 1 || body.validForDays() > 36_500)) {
            errors.add(new FieldError("valid_for_days", "must be between 1 and 36500"));
        }
        if (body.design() != null && body.design().length() > MAX_DESIGN) {
            errors.add(new FieldError("design", "is longer than " + MAX_DESIGN + " characters"));
        } else if (body.design() != null) {
            try {
                CertificateDesign.validate(body.design());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("design", e.getMessage()));
            }
        }
        List<FieldSpec> specs = body.fields() == null ? List.of() : body.fields();
        if (specs.size() > MAX_FIELDS) {
            errors.add(new FieldError("fields", "may hold at most " + MAX_FIELDS + " fields"));
        }
        List<TemplateField> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            FieldSpec spec = specs.get(i);
            String path = "fields[" + i + "]";
            if (spec == null) {
                errors.add(new FieldError(path, "must be an object"));
                continue;
            }
            if (spec.name() == null || !FIELD_NAME.matcher(spec.name()).matches()) {
                errors.add(new FieldError(path + ".name", "must be a letter or _ followed by letters, digits or _"));
            } else if (!names.add(spec.name())) {
                errors.add(new FieldError(path + ".name", "is used by another field"));
            }
            if (spec.type() == null) {
                errors.add(new FieldError(path + ".type", "must be string, date or number"));
            }
            fields.add(new TemplateField(spec.name(), spec.type(), Boolean.TRUE.equals(spec.required())));
        }
        if (!errors.isEmpty()) {
            throw BidiControls.problem(errors);
        }
        return fields;
    }

    private static void requireDocumentText(String path, String text, List<FieldError> errors) {
        if (text != null && !FieldValues.isDocumentText(text)) {
            errors.add(new FieldError(path, FieldValues.NOT_DOCUMENT_TEXT));
        } else if (BidiControls.in(text)) {
            errors.add(BidiControls.error(path));
        }
    }
}
