package io.certbridge.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.certbridge.audit.ChangesNothing;
import io.certbridge.intake.IntakeEventStore;
import io.certbridge.intake.RuleDryRuns;
import io.certbridge.intake.rules.Rule;
import io.certbridge.intake.rules.RuleChecks;
import io.certbridge.intake.rules.RuleDefinition;
import io.certbridge.intake.rules.Rules;
import io.certbridge.shared.Environment;
import io.certbridge.shared.problems.NotFound;
import io.certbridge.shared.problems.Problem;
import io.certbridge.shared.problems.ValidationFailed;
import io.certbridge.template.Template;
import io.certbridge.template.Templates;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The live intake rules: listed, written as the JSON the API takes (checked as the API checks it, each error
 * naming its field), and tried on a pasted event or one intake recorded, showing the certificate the rule would
 * issue and the write-backs it would make, with nothing issued. Rules from the configuration file are shown and
 * tried but changed only there.
 */
@Controller
@RequestMapping("/console/rules")
class RulesController {

    static final String ISSUER = "live";
    static final int LISTED = 200;
    static final int RECENT_EVENTS = 20;
    static final String NEW_RULE = """
            {
              "name": "Course completed",
              "source": "canvas",
              "event_type": "course_completed",
              "template_id": "",
              "fields": {}
            }""";

    /** A dry run's event: pasted ({@code source} and {@code body}) or recorded ({@code intakeEventId}). */
    record EventChoice(String from, String source, String body, String intakeEventId) {

        static final EventChoice NONE = new EventChoice("pasted", "canvas", "", null);

        public boolean recorded() {
            return "recorded".equals(from);
        }
    }

    private final Rules rules;
    private final RuleChecks checks;
    private final RuleDryRuns dryRuns;
    private final IntakeEventStore events;
    private final Templates templates;
    private final ObjectMapper json;

    RulesController(Rules rules, RuleChecks checks, RuleDryRuns dryRuns, IntakeEventStore events,
                    Templates templates, ObjectMapper json) {
        this.rules = rules;
        this.checks = checks;
        this.dryRuns = dryRuns;
        this.events = events;
        this.templates = templates;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @GetMapping
    String list(Model model) {
        List<Rule> all = rules.list(ISSUER, LISTED, null);
        model.addAttribute("rules", all);
        model.addAttribute("templateNames", templateNames(all.stream().map(r -> r.definition().templateId())
                .filter(id -> id != null).toList()));
        return "console/rules";
    }

    @GetMapping("/new")
    String create(Model model) {
        return page(null, NEW_RULE, FieldProblems.NONE, EventChoice.NONE, null, model);
    }

    @GetMapping("/{id}")
    String edit(@PathVariable String id, Model model) {
        Rule rule = find(id);
        return page(rule, write(rule.definition()), FieldProblems.NONE, EventChoice.NONE, null, model);
    }

    @PostMapping
    String add(@RequestParam String definition, Model model, HttpServletResponse response,
               RedirectAttributes redirect) {
        try {
            Rule created = rules.create(checks.valid(read(definition), ISSUER));
            redirect.addFlashAttribute("message", "Rule saved.");
            return "redirect:/console/rules/" + created.id();
        } catch (Problem problem) {
            response.setStatus(422);
            return page(null, definition, FieldProblems.of(problem), EventChoice.NONE, null, model);
        }
    }

    @PostMapping("/{id}")
    String save(@PathVariable String id, @RequestParam String definition, Model model,
                HttpServletResponse response, RedirectAttributes redirect) {
        Rule rule = find(id);
        if (rule.origin().equals("config")) {
            response.setStatus(409);
            return page(rule, definition, new FieldProblems("This rule comes from the configuration file;"
                    + " change it there.", List.of()), EventChoice.NONE, null, model);
        }
        try {
            rules.replace(id, checks.valid(read(definition), ISSUER));
            redirect.addFlashAttribute("message", "Rule saved.");
            return "redirect:/console/rules/" + id;
        } catch (Problem problem) {
            response.setStatus(422);
            return page(rule, definition, FieldProblems.of(problem), EventChoice.NONE, null, model);
        }
    }

    /**
     * Tries the rule as the editor holds it (saved or not) on the event; the page again with the outcome, of which
     * an htmx request takes the dry run's section.
     */
    @ChangesNothing
    @PostMapping("/dry-run")
    String dryRun(@RequestParam(required = false) String ruleId, @RequestParam String definition,
                  EventChoice event, Model model) {
        Rule rule = ruleId == null || ruleId.isBlank() ? null : find(ruleId);
        try {
            Rule tried = dryRuns.draft(read(definition), Environment.LIVE);
            RuleDryRuns.DryRun outcome = dryRuns.run(tried, event.recorded()
                    ? dryRuns.recorded(require(event.intakeEventId(), "intake_event_id"))
                    : dryRuns.sample(new RuleDryRuns.SampleEvent(event.source(), readEvent(event.body()))));
            model.addAttribute("outcomeTemplate", outcome.certificate() == null ? null
                    : templates.find(outcome.certificate().templateId()).map(Template::name).orElse(null));
            return page(rule, definition, FieldProblems.NONE, event, outcome, model);
        } catch (Problem problem) {
            model.addAttribute("dryRunProblems", FieldProblems.of(problem));
            return page(rule, definition, FieldProblems.NONE, event, null, model);
        }
    }

    private String page(Rule rule, String definition, FieldProblems problems, EventChoice event,
                        RuleDryRuns.DryRun outcome, Model model) {
        model.addAttribute("rule", rule);
        model.addAttribute("definition", definition);
        model.addAttribute("problems", problems);
        model.addAttribute("event", event);
        model.addAttribute("outcome", outcome);
        model.addAttribute("recentEvents", events.list(new IntakeEventStore.Filter(null, null), RECENT_EVENTS, null));
        model.addAttribute("templates", templates.list(CertificatesController.TEMPLATES_LISTED, null));
        if (!model.containsAttribute("dryRunProblems")) {
            model.addAttribute("dryRunProblems", FieldProblems.NONE);
        }
        return "console/rule";
    }

    private RuleDefinition read(String definition) {
        try {
            return json.readValue(definition, RuleDefinition.class);
        } catch (JsonProcessingException e) {
            throw new ValidationFailed("rule", notJson(e));
        }
    }

    private JsonNode readEvent(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ValidationFailed("event.body", notJson(e));
        }
    }

    private static String notJson(JsonProcessingException e) {
        return e.getLocation() == null ? "is not JSON: " + e.getOriginalMessage()
                : "is not JSON (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                + "): " + e.getOriginalMessage();
    }

    private static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new ValidationFailed(field, "choose a recorded event");
        }
        return value;
    }

    private String write(RuleDefinition definition) {
        try {
            return json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> templateNames(List<String> ids) {
        return templates.findAll(ids).values().stream().collect(Collectors.toMap(Template::id, Template::name));
    }

    private Rule find(String id) {
        return rules.find(id, ISSUER).orElseThrow(() -> new NotFound("rule", id));
    }

}
