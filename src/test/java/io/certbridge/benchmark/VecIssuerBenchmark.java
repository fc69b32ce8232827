package io.certbridge.benchmark;

import io.certbridge.emulator.vec.VecEmulator;
import io.certbridge.support.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Completions issued through the emulated VEC.digital vault at its per-token limit: a batch of certificates of a
 * template whose issuer is the vault account, from the batch's POST until every one is issued with VEC.digital's
 * verified PDF (uploaded in bulk, processed in 2 s, approved, viewed and downloaded). Laravel's default, 60 requests
 * a minute per token, would take hours for 10,000 uploads; the part runs at {@code -Dvec.requestsPerMinute} (6,000 by
 * default, the emulator's limit and the account's setting alike) and {@code -Dvec.certificates} (10,000). It prints
 * the elapsed time against the time the limit allows for the requests the hub made (and for the fewest it could:
 * upload, bulk and download), and how many 429s VEC.digital answered.
 */
final class VecIssuerBenchmark {

    private static final String TOKEN = "vec-benchmark-token";
    private static final String SECRET = "vec-benchmark-webhook-secret";

    private final int certificates = Integer.getInteger("vec.certificates", 10_000);
    private final int perMinute = Integer.getInteger("vec.requestsPerMinute", 6_000);

    void run() throws Exception {
        try (VecEmulator vec = new VecEmulator(TOKEN).start();
             BenchmarkHub hub = BenchmarkHub.start("certbridge.issuers.vecvault.type=vec-vault",
                     "certbridge.issuers.vecvault.base-url=" + vec.baseUrl(),
                     "certbridge.issuers.vecvault.api-key=" + TOKEN,
                     "certbridge.issuers.vecvault.requests-per-minute=" + perMinute,
                     "certbridge.issuers.vecvault.batch-size=100",
                     "certbridge.issuers.vecvault.webhook-secret=" + SECRET)) {
            vec.rateLimit(perMinute, Duration.ofMinutes(1));
            vec.sendWebhooksTo(hub.api().baseUrl() + "/hooks/issuers/vecvault", SECRET);
            ApiClient api = hub.api();
            String template = api.post("/v1/templates", Map.of("name", "VEC benchmark", "issuer", "vecvault",
                    "fields", List.of(Map.of("name", "course", "type", "string", "required", true))))
                    .body().get("id").asText();
            JdbcClient jdbc = hub.context().getBean(JdbcClient.class);

            long start = System.nanoTime();
            for (int from = 0; from < certificates; from += 10_000) {
                List<Object> rows = new ArrayList<>();
                for (int i = from; i < Math.min(certificates, from + 10_000); i++) {
                    rows.add(Map.of("name", "Learner " + i, "email", "learner" + i + "@example.org",
                            "fields", Map.of("course", "Benchmark")));
                }
                api.post("/v1/certificates/batch", Map.of("template_id", template, "recipients", rows));
            }
            long requests = 0;
            while (issued(jdbc, template) < certificates) {
                if ((System.nanoTime() - start) / 1e9 > 4 * 3600) {
                    throw new IllegalStateException("Not all issued after 4 hours");
                }
                requests += takeRequests(vec);
                Thread.sleep(1_000);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            requests += takeRequests(vec);
            long fewest = certificates * 2L + (certificates + 99) / 100;
            System.out.printf("VEC.digital vault: %,d certificates issued in %.1f s at %,d requests/min per token; "
                            + "%,d requests made, which the limit allows in %.1f s (elapsed %.0f %% of it); the fewest "
                            + "possible (%,d: uploads, bulk, downloads) in %.1f s; 429 answered: %d%n",
                    certificates, seconds, perMinute, requests, requests * 60.0 / perMinute,
                    100 * seconds / (requests * 60.0 / perMinute), fewest, fewest * 60.0 / perMinute,
                    vec.tooManyRequestsAnswered());
        }
    }

    private static long issued(JdbcClient jdbc, String template) {
        return jdbc.sql("select count(*) from certificates where template_id = ? and status = 'issued'")
                .param(template).query(Long.class).single();
    }

    /** The API requests VEC.digital got since last asked; the journal is emptied, so that it keeps no PDFs. */
    private static long takeRequests(VecEmulator vec) {
        synchronized (vec) {
            long count = vec.requests("/business/").size();
            vec.clearRequests();
            return count;
        }
    }
}
