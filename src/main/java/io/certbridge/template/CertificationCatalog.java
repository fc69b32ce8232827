package io.certbridge.template;

import io.certbridge.shared.problems.FieldError;
import java.util.List;

/** The outside certification accounts (TrueScreen) a template may name; configured elsewhere. */
public interface CertificationCatalog {

    /** Why a template cannot have its certificates certified as {@code truescreen} says; empty when it can. */
    List<FieldError> problems(Template.TrueScreen truescreen);
}
