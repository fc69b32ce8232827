package io.certbridge.support;

import io.certbridge.emulator.swanshare.SwanShareEmulator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The emulated SwanShare organisation the shared test hub issues through, started once, and its account
 * {@value #NAME}: webhooks signed with {@link #WEBHOOK_SECRET} (the tests point the emulator at the hub's port),
 * and a short grace for a webhook after a lost answer, so that an outage does not take the tests' time.
 */
public final class SwanShareAccount {

    public static final String NAME = "swanshare";
    public static final String API_KEY = "swan_sk_certbridgeTestHub0001";
    public static final String WEBHOOK_SECRET = "swanshare-endpoint-signing-secret";

    private static SwanShareEmulator emulator;

    private SwanShareAccount() {
    }

    public static synchronized SwanShareEmulator emulator() {
        if (emulator == null) {
            emulator = new SwanShareEmulator(API_KEY).start();
        }
        return emulator;
    }

    /** Sends the emulator's webhooks to the hub listening on {@code port}, quickly. */
    public static void webhooksTo(int port) {
        emulator().sendWebhooksTo("http://127.0.0.1:" + port + "/hooks/issuers/" + NAME, WEBHOOK_SECRET);
        emulator().webhookDelay(java.time.Duration.ofMillis(200));
    }

    /** The account {@value #NAME} on an emulator, for a hub of its own as for the shared one. */
    public static Map<String, String> settings(SwanShareEmulator emulator, String webhookGrace) {
        Map<String, String> settings = new LinkedHashMap<>();
        String at = "certbridge.issuers." + NAME + ".";
        settings.put(at + "type", "swanshare");
        settings.put(at + "base-url", emulator.apiBaseUrl());
        settings.put(at + "api-key", API_KEY);
        settings.put(at + "webhook-secret", WEBHOOK_SECRET);
        settings.put(at + "webhook-grace", webhookGrace);
        String retry = "certbridge.deliveries.connectors.swanshare-issue-sink.retry.";
        settings.put(retry + "first-backoff", "200ms");
        settings.put(retry + "max-backoff", "2s");
        // an answer lost to a timeout, in a few seconds
        settings.put("camel.kamelet.swanshare-issue-sink.responseTimeout", "1500");
        return settings;
    }

    static void register(Map<String, String> settings) {
        settings.putAll(settings(emulator(), "3s"));
    }
}
