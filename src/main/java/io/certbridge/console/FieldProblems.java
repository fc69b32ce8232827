package io.certbridge.console;

import io.certbridge.shared.problems.FieldError;
import io.certbridge.shared.problems.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Why a form was refused, for its page: the problem's sentence, every error in a list at the top, and each error
 * by the field it names ({@code name}, {@code fields[0].type}, {@code recipient.email}) beside that field's input.
 */
record FieldProblems(String detail, List<FieldError> errors) {

    static final FieldProblems NONE = new FieldProblems(null, List.of());

    static FieldProblems of(Problem problem) {
        return new FieldProblems(problem.detail(), problem.errors());
    }

    static FieldProblems of(List<FieldError> errors) {
        return new FieldProblems("The form has errors.", errors);
    }

    public boolean any() {
        return detail != null;
    }

    /** Each field's errors in one sentence, keyed by the field. */
    public Map<String, String> byField() {
        Map<String, String> shown = new LinkedHashMap<>();
        errors.forEach(error -> shown.merge(error.field(), error.detail(), (a, b) -> a + "; " + b));
        return shown;
    }
}
