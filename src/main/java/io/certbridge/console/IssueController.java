package io.certbridge.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.certbridge.issuance.Certificate;
import io.certbridge.issuance.Certificate.Recipient;
import io.certbridge.issuance.CertificateIssuer;
import io.certbridge.issuance.CertificateRequest;
import io.certbridge.shared.Environment;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.shared.problems.Problem;
import io.certbridge.template.FieldConversion;
import io.certbridge.template.Template;
import io.certbridge.template.Templates;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One live certificate issued from a form: the template chosen, its fields as inputs of their types (a date
 * picker for a date, a number for a number), the recipient, and an expiry that overrides the template's. Issued
 * by the service {@code POST /v1/certificates} uses, and checked as it checks.
 */
@Controller
@RequestMapping("/console/issue")
class IssueController {

    /** A field's input is named {@code field.<name>}. */
    static final String FIELD = "field.";

    private final Templates templates;
    private final CertificateIssuer issuer;

    IssueController(Templates templates, CertificateIssuer issuer) {
        this.templates = templates;
        this.issuer = issuer;
    }

    @GetMapping
    String form(@RequestParam(required = false) String template, Model model) {
        return page(chosen(template), Map.of(), FieldProblems.NONE, model);
    }

    @PostMapping
    String issue(@RequestParam Map<String, String> form, Model model, HttpServletResponse response,
                 RedirectAttributes redirect) {
        Template template = chosen(form.get("template"));
        if (template == null) {
            response.setStatus(422);
            return page(null, form, FieldProblems.of(List.of(new FieldError("template_id", "choose a template"))),
                    model);
        }
        List<FieldError> errors = new ArrayList<>();
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (Template.TemplateField field : template.fields()) {
            String value = form.getOrDefault(FIELD + field.name(), "").strip();
            if (!value.isEmpty()) {
                fields.put(field.name(), FieldConversion.to(field.type(), TextNode.valueOf(value)));
            }
        }
        Instant expiresAt = expiry(form.get("expiresAt"), errors);
        try {
            if (errors.isEmpty()) {
                Certificate issued = issuer.issue(new CertificateRequest(null, Environment.LIVE.value(),
                        template.id(), new Recipient(blankToNull(form.get("name")), blankToNull(form.get("email"))),
                        fields, expiresAt, null, null, null, List.of(), null, false));
                redirect.addFlashAttribute("message", "The certificate is issued.");
                return "redirect:/console/certificates/" + issued.id();
            }
        } catch (Problem problem) {
            errors.addAll(problem.errors().isEmpty()
                    ? List.of(new FieldError("certificate", problem.detail())) : problem.errors());
        }
        response.setStatus(422);
        return page(template, form, FieldProblems.of(errors), model);
    }

    private String page(Template template, Map<String, String> values, FieldProblems problems, Model model) {
        model.addAttribute("templates", templates.list(CertificatesController.TEMPLATES_LISTED, null));
        model.addAttribute("template", template);
        model.addAttribute("values", values);
        model.addAttribute("problems", problems);
        model.addAttribute("errors", problems.byField());
        return "console/issue";
    }

    /** A date is the end of that day, UTC: a certificate "valid until 31 December" is valid on it. */
    private static Instant expiry(String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip()).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError("expires_at", "must be a date (YYYY-MM-DD)"));
            return null;
        }
    }

    private Template chosen(String id) {
        return id == null || id.isBlank() ? null : templates.find(id).orElse(null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
