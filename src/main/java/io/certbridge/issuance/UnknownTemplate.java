package io.certbridge.issuance;

import io.certbridge.shared.problems.FieldError;
import io.certbridge.shared.problems.InvalidInput;
import java.util.List;

/** A request names a template that does not exist; the request is invalid, not the path, so this is no NotFound. */
public final class UnknownTemplate extends InvalidInput {

    public UnknownTemplate(String id) {
        super("unknown_template", "Unknown template", "No template with id " + id,
                List.of(new FieldError("template_id", "is not a known template")));
    }
}
