package io.certbridge.api;

import io.certbridge.shared.problems.MalformedInput;
import java.util.List;

/** Checks of a list's query parameters, answered as 400 invalid_parameter naming the parameter. */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** {@code value}, when given, must be one of {@code allowed}. */
    public static void oneOf(String value, List<String> allowed, String parameter) {
        if (value != null && !allowed.contains(value)) {
            throw new MalformedInput("invalid_parameter", "must be one of " + String.join(", ", allowed), parameter);
        }
    }
}
