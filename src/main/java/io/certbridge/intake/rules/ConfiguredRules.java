package io.certbridge.intake.rules;

import io.certbridge.intake.IntakeSettings;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.shared.problems.MalformedInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Stores the rules of certbridge.intake.rules at start-up, in place of those stored from an earlier
 * configuration. A rule that is not valid stops the start, with what is wrong with it.
 */
@Component
class ConfiguredRules implements ApplicationRunner {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    private final IntakeSettings settings;
    private final RuleValidator validator;
    private final Rules rules;

    ConfiguredRules(IntakeSettings settings, RuleValidator validator, Rules rules) {
        this.settings = settings;
        this.validator = validator;
        this.rules = rules;
    }

    @Override
    public void run(ApplicationArguments args) {
        Map<String, RuleDefinition> configured = new LinkedHashMap<>();
        settings.rules().forEach((id, rule) -> {
            RuleDefinition definition = (rule.issuer() == null ? rule.withIssuer("live") : rule)
                    .withSnakeCasedWritebacks();
            List<FieldError> errors;
            try {
                errors = validator.problems(definition, null);
            } catch (MalformedInput e) {
                errors = e.errors();
            }
            if (!ID.matcher(id).matches()) {
                errors = List.of(new FieldError("id", "must be 1 to 100 letters, digits, - or _"));
            }
            if (!errors.isEmpty()) {
                throw new IllegalStateException("certbridge.intake.rules." + id + " is not valid: " + errors.stream()
                        .map(e -> e.field() + " " + e.detail()).collect(Collectors.joining("; ")));
            }
            configured.put(id, definition);
        });
        rules.replaceConfigured(configured);
    }
}
