package io.certbridge.truescreen;

import io.certbridge.shared.problems.FieldError;
import io.certbridge.template.CertificationCatalog;
import io.certbridge.template.Template;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** What a template's {@code truescreen} may say: a configured account, and the mode hash or file. */
@Component
class ConfiguredTrueScreen implements CertificationCatalog {

    private final TrueScreenSettings settings;

    ConfiguredTrueScreen(TrueScreenSettings settings) {
        this.settings = settings;
    }

    @Override
    public List<FieldError> problems(Template.TrueScreen truescreen) {
        List<FieldError> errors = new ArrayList<>();
        if (truescreen == null) {
            return errors;
        }
        if (settings.account(truescreen.account()).isEmpty()) {
            errors.add(new FieldError("truescreen.account", "must be one of the configured TrueScreen accounts "
                    + settings.truescreen().keySet().stream().sorted().toList()));
        }
        if (!"hash".equals(truescreen.mode()) && !"file".equals(truescreen.mode())) {
            errors.add(new FieldError("truescreen.mode", "must be hash or file"));
        }
        return errors;
    }
}
