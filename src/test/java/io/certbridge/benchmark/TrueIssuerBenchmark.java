package io.certbridge.benchmark;

import io.certbridge.emulator.RecordedRequest;
import io.certbridge.emulator.trueapi.TrueEmulator;
import io.certbridge.support.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Certificates issued through TRUE on the Professional plan (300 requests a minute, batches of 500), on a hub of its
 * own and the emulated TRUE in this JVM (batches processed in 2 s, no webhooks: the hub follows each batch by
 * polling): 10,000 completions (one batch of the hub's API) from the POST until every certificate is issued in the
 * hub with TRUE's id. Prints the time it took beside the least the plan's limit allows for the calls that
 * were needed (20 batches, their polls and the pages that list what they made), and the 429s TRUE answered.
 */
final class TrueIssuerBenchmark {

    private static final String KEY = "true-benchmark-key";
    private static final int COMPLETIONS = Integer.getInteger("true.completions", 10_000);

    void run() throws Exception {
        TrueEmulator.Plan plan = TrueEmulator.Plan.PROFESSIONAL;
        try (TrueEmulator trueApi = new TrueEmulator(KEY, plan).start();
             BenchmarkHub hub = BenchmarkHub.start("certbridge.issuers.truebench.type=true",
                     "certbridge.issuers.truebench.base-url=" + trueApi.baseUrl(),
                     "certbridge.issuers.truebench.api-key=" + KEY,
                     "certbridge.issuers.truebench.requests-per-minute=" + plan.requestsPerMinute(),
                     "certbridge.issuers.truebench.batch-size=" + plan.maxBatchSize(),
                     "certbridge.issuers.truebench.poll-interval=1s")) {
            ApiClient api = hub.api();
            String template = api.post("/v1/templates", Map.of("name", "Benchmark at TRUE",
                    "fields", List.of(Map.of("name", "course_name", "type", "string", "required", true)),
                    "issuer", "truebench", "external_template_id", TrueEmulator.DEFAULT_TEMPLATE))
                    .body().get("id").asText();
            List<Object> recipients = new ArrayList<>(COMPLETIONS);
            for (int i = 0; i < COMPLETIONS; i++) {
                recipients.add(Map.of("name", "Learner " + i, "email", "learner" + i + "@example.org",
                        "fields", Map.of("course_name", "Benchmarking")));
            }
            long start = System.nanoTime();
            ApiClient.Response accepted = api.post("/v1/certificates/batch",
                    Map.of("template_id", template, "recipients", recipients));
            if (accepted.status() != 202) {
                throw new IllegalStateException("Batch refused: " + accepted.body());
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
            while (trueApi.issuancesPerField("certbridge_id").size() < COMPLETIONS
                    || !api.get("/v1/certificates?status=pending&limit=1").body().get("data").isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Not all issued after 20 minutes");
                }
                Thread.sleep(200);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<RecordedRequest> requests = trueApi.requests("/v1/");
            long batches = count(requests, r -> r.method().equals("POST") && r.path().endsWith("/batch"));
            long singles = count(requests, r -> r.method().equals("POST") && r.path().equals("/v1/certificates"));
            long polls = count(requests, r -> r.path().startsWith("/v1/batches/"));
            long lists = count(requests, r -> r.method().equals("GET") && r.path().equals("/v1/certificates"));
            double allowed = requests.size() * 60.0 / plan.requestsPerMinute();
            long duplicates = trueApi.issuancesPerField("certbridge_id").values().stream().filter(n -> n > 1).count();
            System.out.printf("true: %,d completions issued at TRUE (Professional: %d requests/min, batches of %d) "
                            + "in %.1f s: %,d requests (%d batches, %d single, %d batch polls, %d list pages); the "
                            + "limit allows those requests in %.1f s at the earliest (ratio %.2f); 429s seen: %d; "
                            + "issued twice: %d%n",
                    COMPLETIONS, plan.requestsPerMinute(), plan.maxBatchSize(), seconds, requests.size(), batches,
                    singles, polls, lists, allowed, seconds / allowed, trueApi.rateLimitedCount(), duplicates);
        }
    }

    private static long count(List<RecordedRequest> requests, Predicate<RecordedRequest> which) {
        return requests.stream().filter(which).count();
    }
}
