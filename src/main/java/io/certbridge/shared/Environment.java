package io.certbridge.shared;

/** Live objects are real; test (sandbox) objects are marked, never anchored and never e-mailed. */
public enum Environment {
    LIVE, TEST;

    public String value() {
        return name().toLowerCase();
    }

    /** From its value; a rule names the test environment by its issuer, {@code sandbox}. */
    public static Environment of(String value) {
        return "sandbox".equals(value) ? TEST : valueOf(value.toUpperCase());
    }
}
