package io.certbridge.shared.problems;

import java.util.List;

/** The caller accepts none of the forms the thing asked for is offered in. */
public final class NotAcceptable extends Problem {

    public NotAcceptable(String detail) {
        super("not_acceptable", "Not acceptable", detail, List.of());
    }
}
