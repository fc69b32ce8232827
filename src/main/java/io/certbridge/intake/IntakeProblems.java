package io.certbridge.intake;

import io.certbridge.shared.problems.MalformedInput;
import io.certbridge.shared.problems.NotAuthenticated;
import io.certbridge.shared.problems.Unavailable;
import java.util.List;

/** The answers an intake endpoint gives a delivery it does not take. */
public final class IntakeProblems {

    private IntakeProblems() {
    }

    public static MalformedInput malformed(String detail) {
        return new MalformedInput("invalid_event", "The event is malformed", detail, List.of());
    }

    /** Says nothing about why: the reason goes to the hub's log only. */
    public static NotAuthenticated unauthenticated() {
        return new NotAuthenticated("invalid_signature", "The delivery's signature or token is missing or not valid");
    }

    public static Unavailable unavailable() {
        return new Unavailable("intake_unavailable",
                "The event could not be stored; nothing was recorded, so send it again");
    }
}
