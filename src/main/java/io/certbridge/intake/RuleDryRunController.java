package io.certbridge.intake;

import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.audit.ChangesNothing;
import io.certbridge.intake.rules.Rule;
import io.certbridge.intake.rules.RuleDefinition;
import io.certbridge.shared.Environment;
import io.certbridge.shared.problems.ValidationFailed;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** POST /v1/rules/dry-run: what a rule (new or stored) would do with an event (pasted or recorded). */
@RestController
class RuleDryRunController {

    /** One of {@code rule} and {@code ruleId}, and one of {@code event} and {@code intakeEventId}. */
    record DryRunRequest(RuleDefinition rule, String ruleId, RuleDryRuns.SampleEvent event, String intakeEventId) {
    }

    private final RuleDryRuns dryRuns;

    RuleDryRunController(RuleDryRuns dryRuns) {
        this.dryRuns = dryRuns;
    }

    @ChangesNothing
    @PostMapping(path = "/v1/rules/dry-run", produces = "application/json")
    @RequiresScope(Scope.RULES_MANAGE)
    RuleDryRuns.DryRun dryRun(@RequestBody DryRunRequest body, HttpServletRequest request) {
        if ((body.rule() == null) == (body.ruleId() == null)) {
            throw new ValidationFailed("rule", "give either rule (as POST /v1/rules takes it) or rule_id");
        }
        if ((body.event() == null) == (body.intakeEventId() == null)) {
            throw new ValidationFailed("event", "give either event ({source, body}) or intake_event_id");
        }
        ApiKeyPrincipal caller = ApiKeyPrincipal.of(request);
        Environment environment = caller.environment();
        Rule rule = body.rule() != null ? dryRuns.draft(body.rule(), environment)
                : dryRuns.stored(body.ruleId(), environment);
        if (body.intakeEventId() != null) {
            caller.requireLive(IntakeEventController.LIVE_ONLY);
            return dryRuns.run(rule, dryRuns.recorded(body.intakeEventId()));
        }
        return dryRuns.run(rule, dryRuns.sample(body.event()));
    }
}
