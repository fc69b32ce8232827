package io.certbridge.verification;

import io.certbridge.verification.Verification.Check;

/** A check, and what it makes the credential's status when it fails (revoked, suspended, expired, invalid). */
record CheckOutcome(Check check, String failedStatus) {

    static CheckOutcome passed(String name, String detail) {
        return new CheckOutcome(new Check(name, true, detail), null);
    }

    static CheckOutcome failed(String name, String status, String detail) {
        return new CheckOutcome(new Check(name, false, detail), status);
    }
}
