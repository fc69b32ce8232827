package io.certbridge.shared.problems;

import java.util.List;

/** Nothing the caller may see has the id asked for. */
public final class NotFound extends Problem {

    /** @param what the kind of thing asked for, in words: {@code certificate}, {@code webhook endpoint} */
    public NotFound(String what, String id) {
        this("resource_not_found", "Not found", "No " + what + " with id " + id, List.of());
    }

    public NotFound(String code, String title, String detail, List<FieldError> errors) {
        super(code, title, detail, errors);
    }
}
