package io.certbridge.shared.problems;

import java.util.List;

/** Fields that fail their checks, each with what is wrong with it: the usual way input is invalid. */
public final class ValidationFailed extends InvalidInput {

    public static final String CODE = "validation_failed";

    public ValidationFailed(List<FieldError> errors) {
        super(CODE, TITLE, summary(errors), errors);
    }

    public ValidationFailed(String field, String detail) {
        this(List.of(new FieldError(field, detail)));
    }

    /** The one error in words, or how many fields are invalid. */
    public static String summary(List<FieldError> errors) {
        return errors.size() == 1
                ? errors.getFirst().field() + " " + errors.getFirst().detail()
                : errors.size() + " fields are invalid";
    }
}
