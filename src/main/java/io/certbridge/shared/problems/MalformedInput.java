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

    /** A field that the object it is in does not have. */
    public static MalformedInput unknownField(String field) {
        return new MalformedInput("unknown_field", "is not a known field", field);
    }

    /** A value that cannot be read as what its field holds. */
    public static MalformedInput wrongType(String field) {
        return new MalformedInput("invalid_type", "has the wrong type or format", field);
    }
}
