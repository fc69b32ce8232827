package io.certbridge.benchmark;

import io.certbridge.emulator.swanshare.Credential;
import io.certbridge.emulator.swanshare.SwanShareEmulator;
import io.certbridge.support.SwanShareAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Completions issued through the emulated SwanShare at its documented limits (120 requests a minute per key, batches
 * of at most 100), on a hub of its own with the account's defaults: a batch of 10,000 recipients (set
 * {@code -Dcertbridge.benchmark.swanshare.completions} for fewer) from POST until every certificate is issued there.
 * At full batches that is 100 requests, which 120 a minute spread evenly allow in 50 s (a sliding window would take
 * the first 120 at once; the hub spreads them at 95 % of the limit, so that no minute passes it however SwanShare
 * counts). Prints the time against that, the requests made and the 429s SwanShare answered.
 */
final class SwanShareIssuerBenchmark {

    private static final int COMPLETIONS = Integer.getInteger("certbridge.benchmark.swanshare.completions", 10_000);
    private static final int REQUESTS_PER_MINUTE = 120;
    private static final int BATCH = SwanShareEmulator.MAX_BATCH;

    void run() throws Exception {
        try (SwanShareEmulator swanshare = new SwanShareEmulator(SwanShareAccount.API_KEY).start();
             BenchmarkHub hub = BenchmarkHub.start(accountSettings(swanshare))) {
            swanshare.sendWebhooksTo(hub.api().baseUrl() + "/hooks/issuers/" + SwanShareAccount.NAME,
                    SwanShareAccount.WEBHOOK_SECRET);
            String template = hub.api().post("/v1/templates", Map.of("name", "SwanShare benchmark",
                    "issuer", SwanShareAccount.NAME, "fields", List.of(
                            Map.of("name", "course", "type", "string", "required", true),
                            Map.of("name", "completed_on", "type", "date", "required", false))))
                    .body().get("id").asText();
            JdbcClient jdbc = hub.context().getBean(JdbcClient.class);

            long start = System.nanoTime();
            Instant posted = Instant.now();
            double created = HubBenchmark.batch(hub.api(), template, COMPLETIONS);
            while (issued(jdbc) < COMPLETIONS) {
                if ((System.nanoTime() - start) / 1e9 > 900) {
                    throw new IllegalStateException("Only " + issued(jdbc) + " issued after 15 minutes");
                }
                Thread.sleep(50);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long calls = swanshare.requests("/api/v1/credentials").stream()
                    .filter(r -> r.method().equals("POST") && r.path().equals("/api/v1/credentials")).count();
            long lookups = swanshare.requests("/api/v1/credentials/").size();
            int fullBatchCalls = (COMPLETIONS + BATCH - 1) / BATCH;
            List<Credential> issued = swanshare.credentials();
            double firstCall = Duration.between(posted, issued.getFirst().issuedAt()).toMillis() / 1e3;
            double lastCall = Duration.between(posted, issued.getLast().issuedAt()).toMillis() / 1e3;
            double allowed = fullBatchCalls * 60.0 / REQUESTS_PER_MINUTE;
            System.out.printf("SwanShare: %,d completions issued in %.1f s (the batch created in %.1f s) with %,d "
                            + "issuing requests (%,d at full batches of %d) and %,d look-ups; %d requests a minute "
                            + "allow %.1f s: %.0f %% of it; 429s seen: %,d; credentials at SwanShare: %,d, issued "
                            + "twice: %,d; first request %.1f s after the POST, last %.1f s (%.1f s apart for %,d "
                            + "requests)%n", COMPLETIONS, seconds, created, calls, fullBatchCalls, BATCH, lookups,
                    REQUESTS_PER_MINUTE, allowed, 100 * seconds / allowed, swanshare.rateLimitedCount(),
                    issued.size(), swanshare.duplicates().size(), firstCall, lastCall, lastCall - firstCall, calls);
        }
    }

    private static String[] accountSettings(SwanShareEmulator swanshare) {
        String at = "certbridge.issuers." + SwanShareAccount.NAME + ".";
        return new String[] {at + "type=swanshare", at + "base-url=" + swanshare.apiBaseUrl(),
                at + "api-key=" + SwanShareAccount.API_KEY, at + "webhook-secret=" + SwanShareAccount.WEBHOOK_SECRET};
    }

    private static long issued(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from certificates where issuer_name = ? and status = 'issued'")
                .param(SwanShareAccount.NAME).query(Long.class).single();
    }
}
