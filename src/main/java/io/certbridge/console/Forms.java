package io.certbridge.console;

/** What the console's forms and filters send. */
final class Forms {

    private Forms() {
    }

    /** A field left empty counts as not given. */
    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
