package io.certbridge.support;

import io.certbridge.emulator.truescreen.TrueScreenEmulator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The emulated TrueScreen account the shared test hub certifies at, started once, and its certbridge.truescreen
 * settings: callbacks signed with {@link #WEBHOOK_SECRET}, pending certifications asked about after 2 s, and a request
 * whose answer was lost waiting 20 s for its callback.
 */
public final class OutsideTrueScreen {

    public static final String ACCOUNT = "tsmain";
    public static final String API_KEY = "ts_test_key_of_the_hub_3f9a";
    public static final String WEBHOOK_SECRET = "whsec_dHJ1ZXNjcmVlbi10ZXN0LWh1Yi1zZWNyZXQtMjAyNg==";

    private static TrueScreenEmulator truescreen;

    private OutsideTrueScreen() {
    }

    public static synchronized TrueScreenEmulator truescreen() {
        if (truescreen == null) {
            truescreen = new TrueScreenEmulator(API_KEY).start();
            truescreen.sendWebhooksTo(null, WEBHOOK_SECRET);
        }
        return truescreen;
    }

    /** The settings of a hub certifying at {@code truescreen} as account {@link #ACCOUNT}. */
    public static Map<String, String> settings(TrueScreenEmulator truescreen) {
        String at = "certbridge.truescreen." + ACCOUNT + ".";
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(at + "base-url", truescreen.baseUrl());
        settings.put(at + "api-key", API_KEY);
        settings.put(at + "webhook-secret", WEBHOOK_SECRET);
        settings.put(at + "poll-interval", "2s");
        settings.put(at + "callback-grace", "20s");
        return settings;
    }

    static void register(DynamicPropertyRegistry registry) {
        settings(truescreen()).forEach((name, value) -> registry.add(name, () -> value));
    }
}
