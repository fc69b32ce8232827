package io.certbridge.shared.problems;

import java.util.List;

/** The caller did not prove who it is: a signature or token is missing or does not verify. */
public final class NotAuthenticated extends Problem {

    public NotAuthenticated(String code, String detail) {
        super(code, "Not authenticated", detail, List.of());
    }
}
