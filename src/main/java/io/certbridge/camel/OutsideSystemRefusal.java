package io.certbridge.camel;

/**
 * An outside system answered and said no in its own way (Moodle's error JSON sent with HTTP 200): sending the same
 * again will not help. Thrown by Kamelets, so that whoever called one reads the refusal in the system's words.
 */
public class OutsideSystemRefusal extends RuntimeException {

    public OutsideSystemRefusal(String message) {
        super(message, null, false, false);
    }
}
