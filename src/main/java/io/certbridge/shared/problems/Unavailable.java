package io.certbridge.shared.problems;

import java.util.List;

/** The hub cannot do it now, and nothing was done: the same request may succeed later. */
public non-sealed class Unavailable extends Problem {

    public Unavailable(String code, String detail) {
        super(code, "Try again later", detail, List.of());
    }
}
