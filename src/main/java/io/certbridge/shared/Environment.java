package io.certbridge.shared;

/** Live objects are real; test (sandbox) objects are marked, never anchored and never e-mailed. */
public enum Environment {
    LIVE, TEST;

    public String value() {
        return name().toLowerCase();
    }

    public static Environment of(String value) {
        return valueOf(value.toUpperCase());
    }
}
