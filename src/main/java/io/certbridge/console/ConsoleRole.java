package io.certbridge.console;

import java.util.Locale;

/**
 * What a console user may do. A viewer reads every page; an issuer also issues, revokes, suspends, reinstates,
 * resends and retries; an admin also manages API keys, users, webhook endpoints, templates and rules.
 */
public enum ConsoleRole {
    VIEWER, ISSUER, ADMIN;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority, ROLE_ADMIN and so on; an admin holds the issuer's and viewer's too. */
    String authority() {
        return "ROLE_" + name();
    }

    boolean includes(ConsoleRole other) {
        return ordinal() >= other.ordinal();
    }

    public static ConsoleRole of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
