package io.certbridge.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.intake.IntakeEvent.Course;
import io.certbridge.intake.IntakeEvent.Learner;
import io.certbridge.intake.canvas.CanvasLiveEvents;
import io.certbridge.intake.generic.GenericWebhooks;
import io.certbridge.intake.moodle.MoodleEvents;
import io.certbridge.intake.rules.Rule;
import io.certbridge.intake.rules.RuleChecks;
import io.certbridge.intake.rules.RuleDefinition;
import io.certbridge.intake.rules.RuleMatch;
import io.certbridge.intake.rules.Rules;
import io.certbridge.issuance.Certificate;
import io.certbridge.issuance.Certificate.Recipient;
import io.certbridge.issuance.CertificateRequest;
import io.certbridge.issuance.Renewals;
import io.certbridge.issuance.WritebackTarget;
import io.certbridge.shared.Environment;
import io.certbridge.shared.problems.NotFound;
import io.certbridge.shared.problems.ValidationFailed;
import io.certbridge.template.Templates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A rule tried out on an event: what intake would do with it, worked out by the code intake uses (the source's
 * reader, the rule matcher, the Moodle learner lookup), with nothing issued, written back or recorded.
 */
@Component
public class RuleDryRuns {

    /** An event as its source would post it; {@code source} is canvas, moodle or a configured generic source. */
    public record SampleEvent(String source, JsonNode body) {
    }

    /** What the event says, as intake read it. */
    public record EventSummary(String source, String type, Learner learner, Course course, boolean complete,
                               String note) {
    }

    /** The certificate the rule would request. */
    public record PlannedCertificate(String templateId, Recipient recipient, Map<String, JsonNode> fields,
                                     Instant expiresAt) {
    }

    /** A write-back the certificate would get: the rule's write-back type, its connector and the place it writes. */
    public record PlannedWriteback(String type, String connector, Map<String, Object> target) {
    }

    /**
     * {@code status} is the intake status the event would be recorded with (matched, unmatched, ignored, failed) and
     * {@code reason} its sentence; {@code certificate} and {@code writebacks} are what a match would issue.
     * {@code renews} is the id of the certificate the new one would renew, or null: renewal sets it.
     */
    public record DryRun(boolean matched, String status, String reason, EventSummary event,
                         PlannedCertificate certificate, List<PlannedWriteback> writebacks, String renews) {
    }

    private static final String DRAFT_RULE_ID = "rule_draft";

    private final IntakeRecorder recorder;
    private final IntakeEventStore store;
    private final RuleChecks checks;
    private final Rules rules;
    private final Templates templates;
    private final CanvasLiveEvents canvas;
    private final MoodleEvents moodle;
    private final GenericWebhooks generic;
    private final ObjectMapper mapper;
    private final Renewals renewals;
    private final Clock clock;

    RuleDryRuns(IntakeRecorder recorder, IntakeEventStore store, RuleChecks checks, Rules rules, Templates templates,
                CanvasLiveEvents canvas, MoodleEvents moodle, GenericWebhooks generic, ObjectMapper mapper,
                Renewals renewals, Clock clock) {
        this.recorder = recorder;
        this.renewals = renewals;
        this.store = store;
        this.checks = checks;
        this.rules = rules;
        this.templates = templates;
        this.canvas = canvas;
        this.moodle = moodle;
        this.generic = generic;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** A rule as POST /v1/rules takes it, checked as creation checks it (422), not stored. */
    public Rule draft(RuleDefinition definition, Environment environment) {
        Instant now = clock.instant();
        return new Rule(DRAFT_RULE_ID, "api", checks.valid(definition, issuer(environment)), now, now);
    }

    /** A stored rule of the environment; 404 when there is none. */
    public Rule stored(String ruleId, Environment environment) {
        return rules.find(ruleId, issuer(environment)).orElseThrow(() -> new NotFound("rule", ruleId));
    }

    /**
     * The event {@code sample} reports, read as its source's endpoint reads it but without checking who sent it.
     * Salesforce platform events arrive on channels, not as posts: try a recorded one instead.
     */
    public IntakeEvent sample(SampleEvent sample) {
        if (sample.source() == null || sample.source().isBlank()) {
            throw new ValidationFailed("event.source", "is required: canvas, moodle or a configured source");
        }
        if (!(sample.body() instanceof ObjectNode body)) {
            throw new ValidationFailed("event.body", "must be the event's JSON object");
        }
        return switch (sample.source()) {
            case CanvasLiveEvents.SOURCE -> canvas.interpret(bytes(body));
            case MoodleEvents.SOURCE -> moodle.interpret(body.deepCopy());
            default -> {
                if (!generic.isSource(sample.source())) {
                    throw new ValidationFailed("event.source", "is not canvas, moodle or a configured source;"
                            + " for a Salesforce event use intake_event_id");
                }
                yield generic.interpret(sample.source(), null, bytes(body));
            }
        };
    }

    /** An event intake recorded; 404 when there is none (or it was purged). */
    public IntakeEvent recorded(String intakeEventId) {
        return store.event(intakeEventId).orElseThrow(() -> new NotFound("intake event", intakeEventId));
    }

    public DryRun run(Rule rule, IntakeEvent event) {
        RuleMatch match = recorder.outcomes(List.of(event), List.of(rule)).getFirst().match();
        EventSummary summary = new EventSummary(event.source(), event.type(), event.learner(), event.course(),
                event.complete(), event.note());
        if (match.requests().isEmpty()) {
            return new DryRun(false, match.status(), match.detail(), summary, null, List.of(), null);
        }
        CertificateRequest request = match.requests().getFirst();
        Instant expiresAt = templates.find(request.templateId()).map(t -> t.expiresAt(clock.instant())).orElse(null);
        List<PlannedWriteback> writebacks = new ArrayList<>();
        List<RuleDefinition.WritebackSpec> specs = rule.definition().writebackList();
        for (int i = 0; i < request.writebacks().size(); i++) {
            WritebackTarget target = request.writebacks().get(i);
            writebacks.add(new PlannedWriteback(specs.get(i).type(), target.connector(), target.target()));
        }
        PlannedCertificate certificate = new PlannedCertificate(request.templateId(), request.recipient(),
                request.fields(), expiresAt);
        return new DryRun(true, match.status(), match.detail(), summary, certificate, writebacks,
                renewals.wouldRenew(request).map(Certificate::id).orElse(null));
    }

    private byte[] bytes(JsonNode body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String issuer(Environment environment) {
        return environment == Environment.LIVE ? "live" : "sandbox";
    }
}
