package io.certbridge.template;

import io.certbridge.api.Idempotency;
import io.certbridge.api.Page;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.shared.problems.NotFound;
import io.certbridge.template.Template.FieldType;
import io.certbridge.template.Template.TemplateField;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(produces = "application/json", path = "/v1/templates")
class TemplateController {

    record CreateTemplate(String name, String description, String criteria, List<FieldSpec> fields,
                          Integer validForDays, String design, Boolean emailDelivery, String issuer,
                          String externalTemplateId, Template.TrueScreen truescreen) {
    }

    record FieldSpec(String name, FieldType type, Boolean required) {
    }

    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final int MAX_FIELDS = 50;
    private static final int MAX_TEXT = 10_000;
    private static final int MAX_DESIGN = 256 * 1024;

    private final Templates templates;
    private final Idempotency idempotency;
    private final IssuerCatalog issuers;
    private final CertificationCatalog certifications;

    TemplateController(Templates templates, Idempotency idempotency, IssuerCatalog issuers,
                       CertificationCatalog certifications) {
        this.certifications = certifications;
        this.templates = templates;
        this.idempotency = idempotency;
        this.issuers = issuers;
    }

    @PostMapping
    @RequiresScope(Scope.TEMPLATES_MANAGE)
    ResponseEntity<?> create(@RequestBody CreateTemplate body, HttpServletRequest request) {
        List<TemplateField> fields = validate(body);
        return idempotency.run(request, body, () -> ResponseEntity.status(HttpStatus.CREATED).body(
                templates.create(body.name().strip(), body.description(), body.criteria(), fields, body.validForDays(),
                        body.design(), Boolean.TRUE.equals(body.emailDelivery()), body.issuer(),
                        body.externalTemplateId(), body.truescreen())));
    }

    private List<TemplateField> validate(CreateTemplate body) {
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

    @GetMapping
    @RequiresScope(Scope.TEMPLATES_READ)
    Page<Template> list(@RequestParam(required = false) Integer limit,
                        @RequestParam(name = "starting_after", required = false) String startingAfter) {
        int size = Page.checkedLimit(limit);
        return Page.of(templates.list(size + 1, startingAfter), size, Template::id);
    }

    @GetMapping("/{id}")
    @RequiresScope(Scope.TEMPLATES_READ)
    Template get(@PathVariable String id) {
        return templates.find(id).orElseThrow(() -> new NotFound("template", id));
    }
}
