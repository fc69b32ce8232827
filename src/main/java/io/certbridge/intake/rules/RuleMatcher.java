package io.certbridge.intake.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.intake.IntakeEvent;
import io.certbridge.intake.JsonPaths;
import io.certbridge.intake.rules.RuleDefinition.Condition;
import io.certbridge.issuance.Certificate.Recipient;
import io.certbridge.issuance.CertificateRequest;
import io.certbridge.issuance.CertificateRequest.SourceEvent;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.template.FieldConversion;
import io.certbridge.template.FieldValues;
import io.certbridge.template.Template;
import io.certbridge.template.Template.TemplateField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Applies the rules to an event: which rules it matches, and the certificate request each matching rule
 * makes of it. A rule that issues once per learner and course keys its request by them, so a repeated
 * completion issues nothing new; otherwise the request is keyed by the event.
 */
@Component
public class RuleMatcher {

    private final ObjectMapper mapper;
    private final WritebackTypes writebackTypes;

    RuleMatcher(ObjectMapper mapper, WritebackTypes writebackTypes) {
        this.mapper = mapper;
        this.writebackTypes = writebackTypes;
    }

    public RuleMatch match(IntakeEvent event, List<Rule> rules, Map<String, Template> templates) {
        List<Rule> candidates = rules.stream().filter(rule -> concerns(rule.definition(), event)).toList();
        // the event as JSON is built only for an event some rule concerns: most events concern none
        JsonNode document = candidates.isEmpty() ? null : mapper.valueToTree(event);
        List<Rule> matching = candidates.stream()
                .filter(rule -> rule.definition().conditionList().stream().allMatch(c -> Conditions.holds(c, document)))
                .toList();
        if (matching.isEmpty()) {
            return RuleMatch.unmatched("No rule for " + event.source() + " " + event.type()
                    + (event.course().id() == null ? "" : " in course " + event.course().id()));
        }
        List<String> ruleIds = matching.stream().map(Rule::id).toList();
        if (!event.complete()) {
            return new RuleMatch("ignored", "Not a completion: " + event.note(), ruleIds, List.of());
        }
        List<CertificateRequest> requests = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Rule rule : matching) {
            Template template = templates.get(rule.definition().templateId());
            if (template == null) {
                problems.add("rule " + rule.id() + ": template " + rule.definition().templateId() + " does not exist");
                continue;
            }
            CertificateRequest request = request(rule, event, document, template);
            List<FieldError> errors = new ArrayList<>(FieldValues.checkRecipient(request.recipient().name(),
                    request.recipient().email(), "recipient"));
            errors.addAll(FieldValues.check(template, request.fields(), "fields"));
            if (request.requestKey() == null) {
                errors.add(new FieldError("learner", "the event names no learner"));
            }
            if (errors.isEmpty()) {
                requests.add(request);
            } else {
                problems.add("rule " + rule.id() + ": " + errors.stream().map(e -> e.field() + " " + e.detail())
                        .collect(Collectors.joining("; ")));
            }
        }
        // a rule that cannot issue holds back no other; the event shows as failed, and a replay once the
        // cause is fixed issues what is missing, and nothing twice
        String requested = requests.size() + " certificate(s) requested";
        return problems.isEmpty() ? new RuleMatch("matched", requested, ruleIds, requests)
                : new RuleMatch("failed", requested + ". " + String.join(". ", problems), ruleIds, requests);
    }

    private static boolean concerns(RuleDefinition rule, IntakeEvent event) {
        return rule.active() && rule.source().equals(event.source()) && rule.eventType().equals(event.type())
                && (rule.courseId() == null || rule.courseId().equals(event.course().id()));
    }

    private CertificateRequest request(Rule rule, IntakeEvent event, JsonNode document, Template template) {
        RuleDefinition definition = rule.definition();
        Recipient recipient = new Recipient(JsonPaths.text(document, definition.namePath()).orElse(null),
                JsonPaths.text(document, definition.emailPath()).orElse(null));
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (TemplateField field : template.fields()) {
            String expression = definition.fieldMap().get(field.name());
            JsonPaths.value(document, expression).map(v -> FieldConversion.to(field.type(), v))
                    .ifPresent(v -> fields.put(field.name(), v));
        }
        String learner = event.learner().id();
        String key = learner == null ? null : definition.oncePerLearner()
                ? String.join("/", "rule", rule.id(), Objects.toString(event.tenant(), "-"),
                        Objects.toString(event.course().id(), "-"), learner)
                : String.join("/", "rule", rule.id(), "event", event.source(), event.eventKey());
        String learnerKey = learner == null ? null
                : String.join("/", event.source(), Objects.toString(event.tenant(), "-"), learner);
        return new CertificateRequest(key, definition.issuer(), template.id(), recipient, fields, null, null, null,
                new SourceEvent(event.source(), event.type(), event.id(), event.sha256()),
                writebackTypes.targets(definition, event, document), learnerKey, definition.renewing());
    }
}
