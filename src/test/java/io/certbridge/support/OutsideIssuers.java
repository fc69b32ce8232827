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

    /** An account of TRUE whose service never answers: what is asked of it stays pending. */
    public static final String UNREACHABLE = "unreachable";
    public static final String UNREACHABLE_KEY = "true-key-of-an-unreachable-account";

    /** The accounts, by setting; each service adds its own. */
    static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        account(settings, UNREACHABLE, "true", "http://127.0.0.1:" + FreePort.closed(), UNREACHABLE_KEY);
        SwanShareAccount.register(settings);
        return settings;
    }

    private static void account(Map<String, String> settings, String name, String type, String baseUrl,
                                String apiKey) {
        String at = "certbridge.issuers." + name + ".";
        settings.put(at + "type", type);
        settings.put(at + "base-url", baseUrl);
        settings.put(at + "api-key", apiKey);
    }

    static void register(DynamicPropertyRegistry registry) {
        settings().forEach((name, value) -> registry.add(name, () -> value));
    }
}
