package io.certbridge.support;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The outside certificate services (emulated TRUE, SwanShare and VEC.digital) that the shared test hub issues
 * through, started once, and the certbridge.issuers accounts that point the hub at them.
 */
public final class OutsideIssuers {

    private OutsideIssuers() {
    }

    /** The accounts, by setting; each service adds its own. */
    static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        return settings;
    }

    static void register(DynamicPropertyRegistry registry) {
        settings().forEach((name, value) -> registry.add(name, () -> value));
    }
}
