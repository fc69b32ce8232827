package io.certbridge.writeback;

/**
 * The outside system answered, and said no in its own way (Moodle's error JSON sent with HTTP 200):
 * sending the same again will not help.
 */
public class WritebackRejected extends RuntimeException {

    public WritebackRejected(String message) {
        super(message);
    }
}
