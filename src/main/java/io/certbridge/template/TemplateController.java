package io.certbridge.template;

import io.certbridge.api.Idempotency;
import io.certbridge.api.Page;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.shared.problems.NotFound;
import io.certbridge.template.Template.TemplateField;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
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

    private final Templates templates;
    private final Idempotency idempotency;
    private final TemplateDrafts drafts;

    TemplateController(Templates templates, Idempotency idempotency, TemplateDrafts drafts) {
        this.templates = templates;
        this.idempotency = idempotency;
        this.drafts = drafts;
    }

    @PostMapping
    @RequiresScope(Scope.TEMPLATES_MANAGE)
    ResponseEntity<?> create(@RequestBody TemplateDrafts.CreateTemplate body, HttpServletRequest request) {
        List<TemplateField> fields = drafts.validate(body);
        return idempotency.run(request, body, () -> ResponseEntity.status(HttpStatus.CREATED).body(
                templates.create(body.name().strip(), body.description(), body.criteria(), fields, body.validForDays(),
                        body.design(), Boolean.TRUE.equals(body.emailDelivery()), body.issuer(),
                        body.externalTemplateId(), body.truescreen())));
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
