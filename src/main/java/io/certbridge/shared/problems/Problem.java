package io.certbridge.shared.problems;

import java.util.List;
import java.util.Map;

/**
 * Why something asked of the hub cannot be done, said without HTTP: the subclass is the kind of problem,
 * {@code code} is stable for programs, {@code title} sums the kind up and {@code detail} explains this case
 * to people, {@code errors} point at the offending fields. The API layer decides what each kind answers.
 */
public abstract sealed class Problem extends RuntimeException
        permits MalformedInput, NotAuthenticated, NotFound, NotAcceptable, Conflict, InvalidInput, Unavailable {

    private final String code;
    private final String title;
    private final List<FieldError> errors;

    Problem(String code, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.code = code;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Further members of the problem, beside {@code code} and {@code errors} (what a duplicate duplicates). */
    public Map<String, Object> extensions() {
        return Map.of();
    }

    /** The error naming {@code field}, or none when no field is to blame. */
    static List<FieldError> on(String field, String detail) {
        return field == null ? List.of() : List.of(new FieldError(field, detail));
    }
}
