package io.certbridge.shared.problems;

import java.util.List;

/** Input that cannot be read as what it should be: not JSON, the wrong type, an unknown field or parameter value. */
public final class MalformedInput extends Problem {

    private static final String TITLE = "The request is malformed";

    /** @param field the field or parameter to blame, null when the input as a whole is */
    public MalformedInput(String code, String detail, String field) {
        this(code, TITLE, detail, on(field, detail));
    }

    public MalformedInput(String code, String title, String detail, List<FieldError> errors) {
        super(code, title, detail, errors);
    }
}
