package io.certbridge.delivery;

import io.certbridge.camel.OutsideSystemRefusal;
import org.apache.camel.http.base.HttpOperationFailedException;

/** The common reading of an HTTP answer: what its status code means, and of a call that threw. */
public final class Answers {

    private Answers() {
    }

    public static Result ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return Result.DELIVERED;
        }
        if (status == 429) {
            return Result.THROTTLED;
        }
        if (status == 410) {
            return Result.GONE;
        }
        return status >= 500 || status == 408 ? Result.SERVER_ERROR : Result.REFUSED;
    }

    /**
     * An HTTP failure by its status code, with the answer in the error; a refusal in the system's words as such;
     * anything else as no answer.
     */
    public static Outcome of(Delivery delivery, Exception failure) {
        if (failure instanceof OutsideSystemRefusal refusal) {
            return Outcome.failed(delivery, Result.REFUSED, refusal.getMessage());
        }
        if (failure instanceof HttpOperationFailedException http) {
            return new Outcome(delivery.id(), ofStatus(http.getStatusCode()), http.getStatusCode(), null,
                    "HTTP " + http.getStatusCode() + ": " + String.valueOf(http.getResponseBody()).strip(), null, null);
        }
        return Outcome.failed(delivery, Result.UNREACHABLE, describe(failure));
    }

    /** A failure in one line: its type and message, and its root cause's when that says more. */
    public static String describe(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return root == failure ? text : text + " (" + root + ")";
    }
}
