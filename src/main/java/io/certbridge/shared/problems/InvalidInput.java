package io.certbridge.shared.problems;

import java.util.List;

/** Well-formed input holding values the hub will not accept, for a reason {@code code} names. */
public non-sealed class InvalidInput extends Problem {

    static final String TITLE = "The request is invalid";

    /** @param field the field to blame, null when no single field is */
    public InvalidInput(String code, String detail, String field) {
        this(code, TITLE, detail, on(field, detail));
    }

    public InvalidInput(String code, String title, String detail, List<FieldError> errors) {
        super(code, title, detail, errors);
    }
}
