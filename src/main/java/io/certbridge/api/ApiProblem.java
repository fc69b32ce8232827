package io.certbridge.api;

import io.certbridge.shared.problems.Conflict;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.shared.problems.InvalidInput;
import io.certbridge.shared.problems.MalformedInput;
import io.certbridge.shared.problems.NotAcceptable;
import io.certbridge.shared.problems.NotAuthenticated;
import io.certbridge.shared.problems.NotFound;
import io.certbridge.shared.problems.Problem;
import io.certbridge.shared.problems.Unavailable;
import java.util.List;
import java.util.Map;

/**
 * What the API answers a failure with, as RFC 9457 problem+json with a stable {@code code}: a domain
 * {@link Problem} translated by {@link #of(Problem)}, or a failure of HTTP itself (authentication, rate and
 * size limits, media types) that the API layer reports on its own.
 */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, Object> extensions;

    public ApiProblem(int status, String code, String title, String detail, List<FieldError> errors) {
        this(status, code, title, detail, errors, Map.of());
    }

    private ApiProblem(int status, String code, String title, String detail, List<FieldError> errors,
                       Map<String, Object> extensions) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.extensions = Map.copyOf(extensions);
    }

    public ApiProblem(int status, String code, String title, String detail) {
        this(status, code, title, detail, List.of());
    }

    /** The answer to a domain problem: its kind decides the status, everything else is the problem's own. */
    public static ApiProblem of(Problem problem) {
        int status = switch (problem) {
            case MalformedInput malformed -> 400;
            case NotAuthenticated unauthenticated -> 401;
            case NotFound notFound -> 404;
            case NotAcceptable notAcceptable -> 406;
            case Conflict conflict -> 409;
            case InvalidInput invalid -> 422;
            case Unavailable unavailable -> 503;
        };
        return new ApiProblem(status, problem.code(), problem.title(), problem.detail(), problem.errors(),
                problem.extensions());
    }

    public int status() {
        return status;
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

    public Map<String, Object> extensions() {
        return extensions;
    }
}
