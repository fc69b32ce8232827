package io.certbridge.intake.rules;

import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.shared.Environment;
import io.certbridge.api.Idempotency;
import io.certbridge.api.Page;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.shared.problems.Conflict;
import io.certbridge.shared.problems.NotFound;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * /v1/rules. A rule issues with the issuer of the key's environment ({@code live}, or {@code sandbox}
 * for a test key) and is seen only from that environment. Rules from the configuration file are shown
 * but changed only there.
 */
@RestController
@RequestMapping(produces = "application/json", path = "/v1/rules")
class RuleController {

    private final Rules rules;
    private final RuleChecks checks;
    private final Idempotency idempotency;

    RuleController(Rules rules, RuleChecks checks, Idempotency idempotency) {
        this.rules = rules;
        this.checks = checks;
        this.idempotency = idempotency;
    }

    @PostMapping
    @RequiresScope(Scope.RULES_MANAGE)
    ResponseEntity<?> create(@RequestBody RuleDefinition body, HttpServletRequest request) {
        RuleDefinition rule = valid(body, request);
        return idempotency.run(request, body, () -> ResponseEntity.status(HttpStatus.CREATED).body(rules.create(rule)));
    }

    @GetMapping
    @RequiresScope(Scope.RULES_MANAGE)
    Page<Rule> list(@RequestParam(required = false) Integer limit,
                    @RequestParam(name = "starting_after", required = false) String startingAfter,
                    HttpServletRequest request) {
        int size = Page.checkedLimit(limit);
        return Page.of(rules.list(issuer(request), size + 1, startingAfter), size, Rule::id);
    }

    @GetMapping("/{id}")
    @RequiresScope(Scope.RULES_MANAGE)
    Rule get(@PathVariable String id, HttpServletRequest request) {
        return rules.find(id, issuer(request)).orElseThrow(() -> new NotFound("rule", id));
    }

    @PutMapping("/{id}")
    @RequiresScope(Scope.RULES_MANAGE)
    Rule replace(@PathVariable String id, @RequestBody RuleDefinition body, HttpServletRequest request) {
        Rule current = changeable(id, request);
        rules.replace(id, valid(body, request));
        return rules.find(current.id(), issuer(request)).orElseThrow();
    }

    @DeleteMapping("/{id}")
    @RequiresScope(Scope.RULES_MANAGE)
    ResponseEntity<Void> delete(@PathVariable String id, HttpServletRequest request) {
        rules.delete(changeable(id, request).id());
        return ResponseEntity.noContent().build();
    }

    private Rule changeable(String id, HttpServletRequest request) {
        Rule rule = rules.find(id, issuer(request)).orElseThrow(() -> new NotFound("rule", id));
        if (rule.origin().equals("config")) {
            throw new Conflict("rule_from_configuration",
                    "Rule " + id + " comes from the configuration file; change it there");
        }
        return rule;
    }

    private RuleDefinition valid(RuleDefinition body, HttpServletRequest request) {
        return checks.valid(body, issuer(request));
    }

    private static String issuer(HttpServletRequest request) {
        return ApiKeyPrincipal.of(request).environment() == Environment.LIVE ? "live" : "sandbox";
    }
}
