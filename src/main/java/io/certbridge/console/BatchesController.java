package io.certbridge.console;

import io.certbridge.issuance.BatchResults;
import io.certbridge.issuance.Batches;
import io.certbridge.shared.Environment;
import io.certbridge.shared.problems.NotFound;
import io.certbridge.template.Template;
import io.certbridge.template.Templates;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Live batches: the recent ones, and each with its progress (which an htmx page asks for every second while the
 * batch runs), the errors of its rows, and its results as CSV.
 */
@Controller
@RequestMapping("/console/batches")
class BatchesController {

    static final int RECENT = 50;
    static final int ERRORS_SHOWN = 200;

    private final Batches batches;
    private final BatchResults results;
    private final Templates templates;

    BatchesController(Batches batches, BatchResults results, Templates templates) {
        this.batches = batches;
        this.results = results;
        this.templates = templates;
    }

    @GetMapping
    String list(Model model) {
        var recent = batches.recent(Environment.LIVE, RECENT);
        model.addAttribute("batches", recent);
        model.addAttribute("templateNames", templates.findAll(recent.stream().map(Batches.Summary::templateId)
                .distinct().toList()).values().stream().collect(Collectors.toMap(Template::id, Template::name)));
        return "console/batches";
    }

    @GetMapping("/{id}")
    String detail(@PathVariable String id, Model model) {
        Batches.Batch batch = find(id);
        model.addAttribute("batch", batch);
        model.addAttribute("errors", batch.errors().stream().limit(ERRORS_SHOWN).toList());
        model.addAttribute("templateName", templates.find(batch.templateId()).map(Template::name)
                .orElse(batch.templateId()));
        return "console/batch";
    }

    /** The progress section alone: what the batch page polls. */
    @GetMapping("/{id}/progress")
    String progress(@PathVariable String id, Model model) {
        model.addAttribute("batch", find(id));
        return "console/batch :: progress";
    }

    @GetMapping(path = "/{id}/results.csv")
    ResponseEntity<String> resultsCsv(@PathVariable String id) {
        String csv = results.csv(id, Environment.LIVE).orElseThrow(() -> new NotFound("batch", id));
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(id + "-results.csv").build().toString())
                .body(csv);
    }

    private Batches.Batch find(String id) {
        return batches.find(id, Environment.LIVE).orElseThrow(() -> new NotFound("batch", id));
    }

}
