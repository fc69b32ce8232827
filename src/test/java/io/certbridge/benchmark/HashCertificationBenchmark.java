package io.certbridge.benchmark;

import io.certbridge.support.AnvilNode;
import io.certbridge.support.ApiClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Hash certification of 100,000 hashes, sent as 1,000 requests of 100 by {@value #CLIENTS} clients, anchored on a
 * local anvil node (one block a second) with the default windows (60 s, 10,000 leaves) and two confirmations. Prints
 * how long the requests took to be accepted, the time from the first request until every certification is
 * completed (its hashes anchored and confirmed, its data document made), and how long a report's PDF takes to be
 * made on its first fetch.
 */
final class HashCertificationBenchmark {

    private static final int REQUESTS = 1_000;
    private static final int HASHES = 100;
    private static final int CLIENTS = 16;

    void run() throws Exception {
        try (AnvilNode chain = new AnvilNode("--block-time", "1");
             BenchmarkHub hub = BenchmarkHub.start("certbridge.anchoring.rpc-urls[0]=" + chain.url(),
                     "certbridge.anchoring.private-key=" + AnvilNode.FUNDED_KEY,
                     "certbridge.anchoring.confirmations=2", "certbridge.anchoring.poll-interval-ms=500");
             ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            ApiClient api = hub.api();
            List<Map<String, Object>> bodies = new ArrayList<>(REQUESTS);
            for (int i = 0; i < REQUESTS; i++) {
                bodies.add(body(i));
            }
            long start = System.nanoTime();
            List<Future<Integer>> sent = new ArrayList<>();
            for (Map<String, Object> body : bodies) {
                sent.add(clients.submit(() -> api.post("/v1/hash-certifications", body).status()));
            }
            for (Future<Integer> status : sent) {
                if (status.get() != 201) {
                    throw new IllegalStateException("a hash certification was answered " + status.get());
                }
            }
            double accepted = (System.nanoTime() - start) / 1e9;
            JdbcClient jdbc = hub.context().getBean(JdbcClient.class);
            while (jdbc.sql("select count(*) from anchored_hashes where anchor_window_id is null")
                    .query(Long.class).single() > 0) {
                Thread.sleep(100);
            }
            double sealed = (System.nanoTime() - start) / 1e9;
            while (jdbc.sql("select count(*) from hash_certifications where status = 'pending'")
                    .query(Long.class).single() > 0) {
                Thread.sleep(100);
            }
            double completed = (System.nanoTime() - start) / 1e9;
            long windows = jdbc.sql("select count(*) from anchor_windows").query(Long.class).single();
            long transactions = jdbc.sql("select count(*) from anchor_transactions").query(Long.class).single();
            String reportId = jdbc.sql("select id from hash_certifications order by seq limit 1")
                    .query(String.class).single();
            URI reportUrl = URI.create(api.get("/v1/certifications/" + reportId).body().at("/files/1/url").asText());
            long rendering = System.nanoTime();
            ApiClient.Response report = api.withKey(null).send("GET", reportUrl.getRawPath() + "?"
                    + reportUrl.getRawQuery(), null, Map.of());
            if (report.status() != 200) {
                throw new IllegalStateException("the report was answered " + report.status());
            }
            System.out.printf("hash certification: %,d hashes in %,d requests of %d accepted in %.1f s (%,.0f "
                            + "hashes/s, %d clients); all in sealed windows after %.1f s; all %,d certifications "
                            + "completed (anchored, 2 confirmations, data document made) %.1f s after the first "
                            + "request; %d windows, %d transactions; a report's PDF (%d files) made on its first "
                            + "fetch in %.0f ms%n",
                    REQUESTS * HASHES, REQUESTS, HASHES, accepted, REQUESTS * HASHES / accepted, CLIENTS, sealed,
                    REQUESTS, completed, windows, transactions, HASHES, (System.nanoTime() - rendering) / 1e6);
        }
    }

    private static Map<String, Object> body(int request) {
        List<Map<String, String>> files = new ArrayList<>(HASHES);
        byte[] hash = new byte[32];
        for (int i = 0; i < HASHES; i++) {
            ThreadLocalRandom.current().nextBytes(hash);
            files.add(Map.of("file_name", "document-" + request + "-" + i + ".pdf",
                    "hash", HexFormat.of().formatHex(hash)));
        }
        return Map.of("title", "Benchmark " + request, "files", files);
    }
}
