package io.certbridge.document;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.audit.ChangesNothing;
import io.certbridge.issuance.Certificate.Recipient;
import io.certbridge.shared.problems.NotFound;
import io.certbridge.shared.problems.ValidationFailed;
import io.certbridge.template.Template;
import io.certbridge.template.TemplateDrafts;
import io.certbridge.template.Templates;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Previews of certificates, as PDFs marked "PREVIEW": of a template being written, and of a stored one. */
@RestController
class TemplatePreviewController {

    /** A template as {@code POST /v1/templates} takes it, and the sample values to show; both samples optional. */
    record PreviewRequest(TemplateDrafts.CreateTemplate template, Recipient recipient, Map<String, JsonNode> fields) {
    }

    private final TemplateDrafts drafts;
    private final Templates templates;
    private final TemplatePreviews previews;

    TemplatePreviewController(TemplateDrafts drafts, Templates templates, TemplatePreviews previews) {
        this.drafts = drafts;
        this.templates = templates;
        this.previews = previews;
    }

    @ChangesNothing
    @PostMapping(path = "/v1/templates/preview", produces = MediaType.APPLICATION_PDF_VALUE)
    @RequiresScope(Scope.TEMPLATES_MANAGE)
    ResponseEntity<byte[]> preview(@RequestBody PreviewRequest body) {
        if (body.template() == null) {
            throw new ValidationFailed("template", "is required: the template as POST /v1/templates takes it");
        }
        Template draft = drafts.draft(body.template());
        return pdf(previews.pdf(draft, body.recipient(), body.fields()));
    }

    @GetMapping(path = "/v1/templates/{id}/preview", produces = MediaType.APPLICATION_PDF_VALUE)
    @RequiresScope(Scope.TEMPLATES_READ)
    ResponseEntity<byte[]> preview(@PathVariable String id) {
        Template template = templates.find(id).orElseThrow(() -> new NotFound("template", id));
        return pdf(previews.pdf(template, null, null));
    }

    private static ResponseEntity<byte[]> pdf(byte[] content) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline().filename("preview.pdf").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(content);
    }
}
