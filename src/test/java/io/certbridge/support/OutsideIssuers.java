package io.certbridge.support;

import io.certbridge.emulator.trueapi.TrueEmulator;
import io.certbridge.emulator.vec.VecEmulator;
import java.time.Duration;
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
        trueAccount(settings);
        vecVault(settings);
        return settings;
    }

    /** The account on the emulated TRUE ({@link #trueOriginal()}): Standard's batches at a limit tests reach soon. */
    public static final String TRUE = "trueoriginal";
    public static final String TRUE_KEY = "true-key-of-the-test-hub";
    public static final String TRUE_WEBHOOK_SECRET = "true-webhook-secret-of-the-test-hub";
    public static final TrueEmulator.Plan TRUE_PLAN = new TrueEmulator.Plan(600, 100);
    private static TrueEmulator trueOriginal;

    public static synchronized TrueEmulator trueOriginal() {
        if (trueOriginal == null) {
            trueOriginal = new TrueEmulator(TRUE_KEY, TRUE_PLAN).start();
        }
        return trueOriginal;
    }

    private static void trueAccount(Map<String, String> settings) {
        account(settings, TRUE, "true", trueOriginal().baseUrl(), TRUE_KEY);
        settings.put("certbridge.issuers." + TRUE + ".requests-per-minute", String.valueOf(TRUE_PLAN.requestsPerMinute()));
        settings.put("certbridge.issuers." + TRUE + ".batch-size", String.valueOf(TRUE_PLAN.maxBatchSize()));
        settings.put("certbridge.issuers." + TRUE + ".webhook-secret", TRUE_WEBHOOK_SECRET);
        settings.put("certbridge.issuers." + TRUE + ".poll-interval", "1s");
    }

    /** The emulated VEC.digital vault, account {@link #VEC}: processing takes 300 ms, 6,000 requests a minute. */
    public static final String VEC = "vecvault";
    public static final String VEC_TOKEN = "vec-hub-test-token";
    public static final String VEC_WEBHOOK_SECRET = "vec-hub-test-webhook-secret";
    public static final int VEC_REQUESTS_PER_MINUTE = 6_000;
    public static final int VEC_MAX_RETRIES = 2;
    private static VecEmulator vec;

    public static synchronized VecEmulator vec() {
        if (vec == null) {
            vec = new VecEmulator(VEC_TOKEN).start();
            vec.processingTime(Duration.ofMillis(300));
            vec.rateLimit(VEC_REQUESTS_PER_MINUTE, Duration.ofMinutes(1));
            vec.webhookRetryBackoff(Duration.ofSeconds(1));
        }
        return vec;
    }

    private static void vecVault(Map<String, String> settings) {
        account(settings, VEC, "vec-vault", vec().baseUrl(), VEC_TOKEN);
        String at = "certbridge.issuers." + VEC + ".";
        settings.put(at + "requests-per-minute", String.valueOf(VEC_REQUESTS_PER_MINUTE));
        settings.put(at + "batch-size", "50");
        settings.put(at + "webhook-secret", VEC_WEBHOOK_SECRET);
        settings.put(at + "poll-interval", "1s");
        settings.put(at + "max-retries", String.valueOf(VEC_MAX_RETRIES));
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
