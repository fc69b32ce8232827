package io.certbridge.api;

import java.util.List;

/**
 * A failure the API reports to its caller as RFC 9457 problem+json with a stable {@code code}.
 */
public class ApiProblem extends RuntimeException {

    public record FieldError(String field, String detail) {
    }

    private final int status;
    private final String code;
    private final String title;
    private final List<FieldError> errors;

    public ApiProblem(int status, String code, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public ApiProblem(int status, String code, String title, String detail) {
        this(status, code, title, detail, List.of());
    }

    public static ApiProblem validation(List<FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.getFirst().field() + " " + errors.getFirst().detail()
                : errors.size() + " fields are invalid";
        return new ApiProblem(422, "validation_failed", "The request is invalid", detail, errors);
    }

    public static ApiProblem badRequest(String code, String detail, String field) {
        List<FieldError> errors = field == null ? List.of() : List.of(new FieldError(field, detail));
        return new ApiProblem(400, code, "The request is malformed", detail, errors);
    }

    /** A well-formed request whose field holds a value the API will not accept, for a reason {@code code} names. */
    public static ApiProblem unprocessable(String code, String detail, String field) {
        return new ApiProblem(422, code, "The request is invalid", detail, List.of(new FieldError(field, detail)));
    }

    public static ApiProblem notFound(String what, String id) {
        return new ApiProblem(404, "resource_not_found", "Not found", "No " + what + " with id " + id);
    }

    public static ApiProblem conflict(String code, String detail) {
        return new ApiProblem(409, code, "Conflict", detail);
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
}
