package io.certbridge.shared.problems;

import java.util.List;

/** The thing exists, but its state does not allow what was asked (a revoked certificate cannot be suspended). */
public final class Conflict extends Problem {

    public Conflict(String code, String detail) {
        super(code, "Conflict", detail, List.of());
    }
}
