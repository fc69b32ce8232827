package io.certbridge.intake.rules;

import io.certbridge.shared.problems.FieldError;
import io.certbridge.shared.problems.ValidationFailed;
import io.certbridge.template.Template;
import io.certbridge.template.Templates;
import java.util.List;
import org.springframework.stereotype.Component;

/** A rule as the API takes it, checked: for storing it, and for trying it out on an event. */
@Component
public class RuleChecks {

    private final RuleValidator validator;
    private final Templates templates;

    RuleChecks(RuleValidator validator, Templates templates) {
        this.validator = validator;
        this.templates = templates;
    }

    /**
     * The rule, issuing in {@code issuer}'s environment ({@code live} or {@code sandbox}, the caller's key's).
     *
     * @throws ValidationFailed (422) naming each offending field
     */
    public RuleDefinition valid(RuleDefinition body, String issuer) {
        if (body.issuer() != null && !body.issuer().equals(issuer)) {
            throw new ValidationFailed("issuer", "must be " + issuer + ", the environment of this API key");
        }
        RuleDefinition rule = body.withIssuer(issuer);
        Template template = rule.templateId() == null ? null : templates.find(rule.templateId()).orElse(null);
        List<FieldError> errors = validator.problems(rule, template);
        if (template == null && rule.templateId() != null) {
            errors.add(new FieldError("template_id", "is not a known template"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(errors);
        }
        return rule;
    }
}
