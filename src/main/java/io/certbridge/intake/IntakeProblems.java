package io.certbridge.intake;

import io.certbridge.api.ApiProblem;

/** The answers an intake endpoint gives a delivery it does not take. */
public final class IntakeProblems {

    private IntakeProblems() {
    }

    public static ApiProblem malformed(String detail) {
        return new ApiProblem(400, "invalid_event", "The event is malformed", detail);
    }

    /** Says nothing about why: the reason goes to the hub's log only. */
    public static ApiProblem unauthenticated() {
        return new ApiProblem(401, "invalid_signature", "Not authenticated",
                "The delivery's signature or token is missing or not valid");
    }

    public static ApiProblem unavailable() {
        return new ApiProblem(503, "intake_unavailable", "Try again later",
                "The event could not be stored; nothing was recorded, so send it again");
    }
}
