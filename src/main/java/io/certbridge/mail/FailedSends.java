package io.certbridge.mail;

import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * Says in one log line that a mail was not sent: a WARN while it will be tried again, with when; an ERROR once
 * it is given up. The failure is its message and its root cause's, never a stack trace.
 */
final class FailedSends {

    private FailedSends() {
    }

    /** {@code mail} names the mail and where it goes, e.g. "the reply to issuance mail mail_… (ann@example.org)". */
    static void log(Logger log, String mail, int attempt, int maxAttempts, String failure, Optional<Instant> next) {
        if (next.isPresent()) {
            log.warn("Could not send {} (attempt {} of {}): {}; next attempt at {}", mail, attempt, maxAttempts,
                    failure, next.get());
        } else {
            log.error("Gave up sending {} after {} attempt(s): {}", mail, attempt, failure);
        }
    }

    /**
     * For example "Couldn't connect to host, port: 127.0.0.1, 2525; timeout 15000
     * (java.net.ConnectException: Connection refused)", in one line.
     */
    static String describe(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
        if (root != failure) {
            text += " (" + root + ")";
        }
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
