package io.certbridge.console;

import io.certbridge.audit.ChangesNothing;
import io.certbridge.document.TemplatePreviews;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.shared.problems.NotFound;
import io.certbridge.shared.problems.Problem;
import io.certbridge.template.Template;
import io.certbridge.template.TemplateDrafts;
import io.certbridge.template.TemplateDrafts.CreateTemplate;
import io.certbridge.template.Templates;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Templates: listed, shown with a picture of their certificate, and created with a live preview. A template never
 * changes once created (every instance caches it, and its certificates were issued as it stands), so "editing" one
 * creates a new template from it; the old one stays for the certificates and rules that name it.
 */
@Controller
@RequestMapping("/console/templates")
class TemplatesController {

    private final Templates templates;
    private final TemplateDrafts drafts;
    private final TemplatePreviews previews;
    private final PdfPicture picture;

    TemplatesController(Templates templates, TemplateDrafts drafts, TemplatePreviews previews, PdfPicture picture) {
        this.templates = templates;
        this.drafts = drafts;
        this.previews = previews;
        this.picture = picture;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("templates", templates.list(CertificatesController.TEMPLATES_LISTED, null));
        return "console/templates";
    }

    @GetMapping("/{id}")
    String detail(@PathVariable String id, Model model) {
        Template template = find(id);
        model.addAttribute("template", template);
        model.addAttribute("picture", picture.firstPage(previews.pdf(template, null, Map.of())));
        return "console/template";
    }

    /** The form for a new template, or ({@code from}) for a new version of one. */
    @GetMapping("/new")
    String form(@RequestParam(required = false) String from, Model model) {
        return form(from == null ? TemplateForm.empty() : TemplateForm.of(find(from)), FieldProblems.NONE, model);
    }

    @PostMapping
    String create(TemplateForm form, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        List<FieldError> errors = new ArrayList<>();
        CreateTemplate body = form.body(base(form), errors);
        try {
            var fields = drafts.validate(body);
            if (errors.isEmpty()) {
                Template created = templates.create(body.name().strip(), body.description(), body.criteria(),
                        fields, body.validForDays(), body.design(), body.emailDelivery(), body.issuer(),
                        body.externalTemplateId(), body.truescreen());
                redirect.addFlashAttribute("message", "Template " + created.name() + " created.");
                return "redirect:/console/templates/" + created.id();
            }
        } catch (Problem problem) {
            errors.addAll(problem.errors());
        }
        response.setStatus(422);
        return form(form.withNewRows(), FieldProblems.of(form.onFormRows(errors)), model);
    }

    /** The preview beside the form (an htmx answer): a picture of the certificate, or why there is none. */
    @ChangesNothing
    @PostMapping("/preview")
    String preview(TemplateForm form, Model model) {
        List<FieldError> errors = new ArrayList<>();
        try {
            Template draft = drafts.draft(form.body(base(form), errors));
            if (errors.isEmpty()) {
                model.addAttribute("picture", picture.firstPage(previews.pdf(draft, null, Map.of())));
                model.addAttribute("problems", FieldProblems.NONE);
                return "console/template-form :: preview";
            }
        } catch (Problem problem) {
            errors.addAll(problem.errors());
        }
        model.addAttribute("problems", FieldProblems.of(form.onFormRows(errors)));
        return "console/template-form :: preview";
    }

    /** The same preview as the PDF a certificate is, for the browser's own viewer. */
    @ChangesNothing
    @PostMapping(path = "/preview.pdf")
    ResponseEntity<byte[]> previewPdf(TemplateForm form) {
        List<FieldError> errors = new ArrayList<>();
        try {
            Template draft = drafts.draft(form.body(base(form), errors));
            if (errors.isEmpty()) {
                return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename("preview.pdf")
                                .build().toString())
                        .body(previews.pdf(draft, null, Map.of()));
            }
        } catch (Problem problem) {
            errors.addAll(problem.errors());
        }
        StringBuilder why = new StringBuilder("No preview: the template has errors.\n");
        errors.forEach(error -> why.append(error.field()).append(' ').append(error.detail()).append('\n'));
        return ResponseEntity.unprocessableEntity().contentType(MediaType.TEXT_PLAIN)
                .body(why.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private String form(TemplateForm form, FieldProblems problems, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("problems", problems);
        model.addAttribute("errors", problems.byField());
        model.addAttribute("types", Template.FieldType.values());
        model.addAttribute("baseTemplate", form.base() == null ? null : templates.find(form.base()).orElse(null));
        return "console/template-form";
    }

    private Template base(TemplateForm form) {
        return form.base() == null || form.base().isBlank() ? null : find(form.base());
    }

    private Template find(String id) {
        return templates.find(id).orElseThrow(() -> new NotFound("template", id));
    }
}
