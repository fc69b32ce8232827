package io.certbridge.console;

import io.certbridge.audit.ChangesNothing;
import io.certbridge.issuance.csv.CsvUploads;
import io.certbridge.shared.Environment;
import io.certbridge.shared.problems.Problem;
import io.certbridge.shared.problems.ValidationFailed;
import io.certbridge.template.Template;
import io.certbridge.template.Templates;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A CSV file issued as a batch, in steps: the file and its template chosen; its columns mapped to the template's
 * fields (the mapping the header suggests chosen first) and every row checked, invalid ones marked, before anything
 * is issued; then the batch, whose page follows its progress. The file travels with the form between the steps
 * (base64 in a hidden field), so no step keeps anything on the server.
 */
@Controller
@RequestMapping("/console/csv")
class CsvUploadPagesController {

    /** Rows shown: every invalid one up to this many, and the valid ones among the first {@link #FIRST_ROWS}. */
    static final int INVALID_ROWS_SHOWN = 200;
    static final int FIRST_ROWS = 20;

    record Target(String value, String label) {
    }

    private final CsvUploads uploads;
    private final Templates templates;

    CsvUploadPagesController(CsvUploads uploads, Templates templates) {
        this.uploads = uploads;
        this.templates = templates;
    }

    @GetMapping
    String start(@RequestParam(required = false) String template, Model model) {
        model.addAttribute("templates", templates.list(CertificatesController.TEMPLATES_LISTED, null));
        model.addAttribute("template", template);
        model.addAttribute("problems", FieldProblems.NONE);
        return "console/csv";
    }

    /**
     * The rows as they would be issued. {@code target} holds each column's target in the header's order (empty: not
     * read); absent, the header's names suggest them.
     */
    @ChangesNothing
    @PostMapping("/preview")
    String preview(@RequestParam(required = false) String template,
                   @RequestParam(required = false) MultipartFile file,
                   @RequestParam(required = false) String upload, @RequestParam(required = false) String fileName,
                   @RequestParam(required = false) List<String> target, Model model,
                   HttpServletResponse response) throws IOException {
        byte[] bytes = file != null && !file.isEmpty() ? file.getBytes() : decode(upload);
        String name = file != null && !file.isEmpty() ? file.getOriginalFilename() : fileName;
        if (bytes == null) {
            response.setStatus(422);
            model.addAttribute("templates", templates.list(CertificatesController.TEMPLATES_LISTED, null));
            model.addAttribute("template", template);
            model.addAttribute("problems", FieldProblems.of(new ValidationFailed("file", "choose a CSV file")));
            return "console/csv";
        }
        return previewPage(template, bytes, name, target, null, model, response);
    }

    @PostMapping("/submit")
    String submit(@RequestParam(required = false) String template, @RequestParam String upload,
                  @RequestParam(required = false) String fileName, @RequestParam(required = false) List<String> target,
                  @RequestParam(defaultValue = "false") boolean skipInvalid, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) throws IOException {
        byte[] bytes = decode(upload);
        try {
            CsvUploads.Submitted batch = uploads.submit(Environment.LIVE, template, bytes, mapping(template, bytes,
                    target), skipInvalid);
            redirect.addFlashAttribute("message", batch.total() + " certificates are being issued"
                    + (batch.skippedLines().isEmpty() ? "." : "; lines left out: " + batch.skippedLines().stream()
                    .map(String::valueOf).collect(Collectors.joining(", ")) + "."));
            return "redirect:/console/batches/" + batch.id();
        } catch (Problem problem) {
            return previewPage(template, bytes, fileName, target, problem, model, response);
        }
    }

    private String previewPage(String template, byte[] bytes, String fileName, List<String> target,
                               Problem refused, Model model, HttpServletResponse response) {
        model.addAttribute("templateId", template);
        model.addAttribute("upload", Base64.getEncoder().encodeToString(bytes));
        model.addAttribute("fileName", fileName);
        Template chosen = template == null ? null : templates.find(template).orElse(null);
        model.addAttribute("templateName", chosen == null ? template : chosen.name());
        model.addAttribute("targets", chosen == null ? List.of() : targets(chosen));
        Problem problem = refused;
        try {
            CsvUploads.Columns columns = uploads.columns(template, bytes);
            Map<String, String> mapping = target == null ? columns.suggested() : given(columns.columns(), target);
            model.addAttribute("columns", columns.columns());
            model.addAttribute("mapping", mapping);
            CsvUploads.Preview preview = uploads.preview(template, bytes, mapping);
            model.addAttribute("preview", preview);
            model.addAttribute("shownRows", preview.rows().stream().filter(row -> row.index() < FIRST_ROWS
                    || !row.valid() && row.index() < FIRST_ROWS + INVALID_ROWS_SHOWN).toList());
        } catch (Problem failed) {
            problem = problem == null ? failed : problem;
        }
        if (problem != null) {
            response.setStatus(422);
        }
        model.addAttribute("problems", problem == null ? FieldProblems.NONE : FieldProblems.of(problem));
        if (!model.containsAttribute("columns")) {
            model.addAttribute("columns", List.of());
            model.addAttribute("mapping", Map.of());
        }
        return "console/csv-preview";
    }

    private Map<String, String> mapping(String template, byte[] bytes, List<String> target) {
        List<String> columns = uploads.columns(template, bytes).columns();
        return target == null ? null : given(columns, target);
    }

    /** The targets chosen, by column; a column whose target is empty is not read. */
    private static Map<String, String> given(List<String> columns, List<String> target) {
        Map<String, String> mapping = new LinkedHashMap<>();
        for (int i = 0; i < columns.size() && i < target.size(); i++) {
            if (!target.get(i).isBlank()) {
                mapping.put(columns.get(i), target.get(i));
            }
        }
        return mapping;
    }

    private static List<Target> targets(Template template) {
        List<Target> targets = new ArrayList<>();
        targets.add(new Target("name", "Recipient's name"));
        targets.add(new Target("email", "Recipient's e-mail address"));
        template.fields().forEach(f -> targets.add(new Target("field:" + f.name(), "Field " + f.name())));
        targets.add(new Target("expires_at", "Expiry (date)"));
        return targets;
    }

    private static byte[] decode(String upload) {
        if (upload == null || upload.isBlank()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(upload);
        } catch (IllegalArgumentException e) {
            throw new ValidationFailed("file", "came back damaged; choose the file again");
        }
    }
}
