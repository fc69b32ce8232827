package io.certbridge.api;

import java.util.Arrays;
import java.util.Optional;

/** What an API key may do. */
public enum Scope {
    CERTIFICATES_READ("certificates:read"),
    CERTIFICATES_WRITE("certificates:write"),
    CERTIFICATES_REVOKE("certificates:revoke"),
    TEMPLATES_READ("templates:read"),
    TEMPLATES_MANAGE("templates:manage"),
    KEYS_MANAGE("keys:manage"),
    RULES_MANAGE("rules:manage"),
    WRITEBACKS_MANAGE("writebacks:manage"),
    WEBHOOKS_MANAGE("webhooks:manage"),
    DELIVERIES_MANAGE("deliveries:manage"),
    /** the audit log of calls that changed something or were refused */
    AUDIT_READ("audit:read"),
    /** the hub's own health details and metrics (/actuator) */
    METRICS_READ("metrics:read");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<Scope> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
