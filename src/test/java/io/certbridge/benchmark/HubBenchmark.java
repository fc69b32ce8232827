package io.certbridge.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.CertbridgeApplication;
import io.certbridge.credential.CredentialClaims;
import io.certbridge.credential.OpenBadgeCredentials;
import io.certbridge.emulator.CanvasEmulator;
import io.certbridge.emulator.salesforce.SalesforceEmulator;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTest;
import io.certbridge.support.OutsideSystems;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;

/**
 * Runs the hub on its embedded default and measures: one 10,000-recipient batch from POST to
 * completed; single creates from 64 concurrent clients (certificates/s, p50, p99); credentials signed
 * per second on every core; POST /v1/verify from 64 concurrent clients (verifications/s, p50, p99); and
 * Canvas Live Events in and write-backs out ({@link LmsBenchmark}); Salesforce platform events in and
 * records written back ({@link SalesforceBenchmark}); a 1,000-row issuance mail ({@link MailBenchmark});
 * windows of 1,000 and 10,000 certificates anchored on a local chain ({@link AnchoringBenchmark}, on hubs of
 * its own); customers' webhooks delivered, and delivered after an outage ({@link WebhookBenchmark}, on a hub of
 * its own); 10,000 completions issued through the emulated SwanShare at its limits ({@link SwanShareIssuerBenchmark}, on
 * a hub of its own); certificates issued through TRUE ({@link TrueIssuerBenchmark}, on a hub of its own) and through
 * the emulated VEC.digital vault ({@link VecIssuerBenchmark}, on a hub of its own); hashes certified on the hub's own
 * anchoring ({@link HashCertificationBenchmark}); a bulk of 1,000 PDFs made verifiable in the hub's own vault
 * ({@link VaultBenchmark}, on a hub of its own). Arguments name the parts to run ({@code core}, {@code lms},
 * {@code salesforce}, {@code mail}, {@code anchoring}, {@code webhooks}, {@code swanshare}, {@code true}, {@code vec},
 * {@code hashes}, {@code vault}); none runs them all.
 * Not a test: it prints figures. See README for the command.
 */
public final class HubBenchmark {

    private static final int BATCH_SIZE = 10_000;
    static final Duration WARM_UP = Duration.ofSeconds(10);
    static final Duration MEASURE = Duration.ofSeconds(20);
    private static final int PACED_RATE = 500;
    /**
     * Before the steady offer is measured: a hub that has run a while has compiled its code, and on two cores
     * the JIT goes on compiling (the embedded Kafka broker's code too) for over a minute after the saturating
     * run, taking a fifth of the machine.
     */
    static final Duration STEADY_WARM_UP = Duration.ofSeconds(60);

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("certbridge-benchmark");
        List<String> parts = args.length == 0
                ? List.of("core", "lms", "salesforce", "mail", "anchoring", "webhooks", "swanshare", "true", "vec",
                        "hashes", "vault")
                : List.of(args);
        SalesforceEmulator salesforce = OutsideSystems.salesforce();
        List<String> outsideSettings = Stream.concat(OutsideSystems.salesforceSettings().entrySet().stream(),
                        OutsideSystems.mailSettings().entrySet().stream())
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
        try (CanvasEmulator canvas = new CanvasEmulator(LmsBenchmark.CANVAS_TOKEN).start();
             ConfigurableApplicationContext hub = new SpringApplicationBuilder(CertbridgeApplication.class).run(
                Stream.concat(outsideSettings.stream(), Stream.of(
                "--server.port=0", "--certbridge.data-dir=" + data,
                "--certbridge.canvas.base-url=" + canvas.baseUrl(),
                "--certbridge.canvas.api-token=" + LmsBenchmark.CANVAS_TOKEN,
                "--certbridge.intake.canvas.jwks-url=" + canvas.jwksUrl(),
                "--certbridge.intake.canvas.unsigned-token=" + LmsBenchmark.URL_TOKEN,
                "--certbridge.bootstrap-api-key=" + HubTest.BOOTSTRAP_KEY,
                "--certbridge.api.rate-limit-per-minute=1000000000",
                "--certbridge.api.public-rate-limit-per-minute=1000000000",
                "--logging.level.root=WARN")).toArray(String[]::new))) {
            ApiClient api = new ApiClient("http://127.0.0.1:" + hub.getEnvironment().getProperty("local.server.port"),
                    HubTest.BOOTSTRAP_KEY);
            String template = api.post("/v1/templates", Map.of("name", "Benchmark", "fields", List.of(
                    Map.of("name", "course", "type", "string", "required", true),
                    Map.of("name", "completed_on", "type", "date", "required", false)))).body().get("id").asText();

            System.out.println("certbridge benchmark — " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                    + Runtime.version());
            if (parts.contains("core")) {
                core(hub, api, template);
            } else if (parts.contains("batch")) {
                batchOfTenThousand(api, template);
            }
            if (parts.contains("lms")) {
                new LmsBenchmark(api, canvas, hub.getBean(JdbcClient.class), template).run();
            }
            if (parts.contains("salesforce")) {
                new SalesforceBenchmark(api, salesforce, hub.getBean(JdbcClient.class), template).run();
            }
            if (parts.contains("mail")) {
                new MailBenchmark(OutsideSystems.mail(), template).run();
            }
            if (parts.contains("anchoring")) {
                new AnchoringBenchmark().run();
            }
            if (parts.contains("webhooks")) {
                new WebhookBenchmark().run();
            }
            if (parts.contains("swanshare")) {
                new SwanShareIssuerBenchmark().run();
            }
            if (parts.contains("true")) {
                new TrueIssuerBenchmark().run();
            }
            if (parts.contains("vec")) {
                new VecIssuerBenchmark().run();
            }
            if (parts.contains("hashes")) {
                new HashCertificationBenchmark().run();
            }
            if (parts.contains("vault")) {
                new VaultBenchmark().run();
            }
        } finally {
            salesforce.close();
            OutsideSystems.mail().stop();
            FileSystemUtils.deleteRecursively(data);
        }
    }

    /** Issuance and verification: the figures of the certificate API. */
    private static void core(ConfigurableApplicationContext hub, ApiClient api, String template) throws Exception {
        // a hub that has run a while has its signing code compiled; so does this one before it is measured
        signing(hub.getBean(OpenBadgeCredentials.class));
        batchOfTenThousand(api, template);

        String create = ApiClient.json().writeValueAsString(Map.of("template_id", template,
                "recipient", Map.of("name", "Single", "email", "single@example.org"),
                "fields", Map.of("course", "Benchmarking")));
        LoadGenerator clients = new LoadGenerator(URI.create(api.baseUrl()));
        BenchmarkRequest creates = post("/v1/certificates", create);
        clients.warmUp(() -> creates, 201, WARM_UP, 0);
        clients.measure("single creates", "certificates", () -> creates, 201, 0);
        // the steady offer is measured in a steady state, not while the hub works off the overload before it
        awaitQuiet(hub.getBean(JdbcClient.class));
        clients.warmUp(() -> creates, 201, STEADY_WARM_UP, PACED_RATE);
        clients.measure("single creates", "certificates", () -> creates, 201, PACED_RATE);

        String credential = api.post("/v1/certificates", ApiClient.json().readTree(create)).body()
                .get("credential").toString();
        BenchmarkRequest verifications = post("/v1/verify", credential);
        clients.warmUp(() -> verifications, 200, WARM_UP, 0);
        clients.measure("POST /v1/verify", "verifications", () -> verifications, 200, 0);
    }

    /** After a batch of 1,000 to warm up, one of 10,000 from POST to completed (core's batch figure, alone: batch). */
    private static void batchOfTenThousand(ApiClient api, String template) throws InterruptedException {
        batch(api, template, 1_000);
        double batchSeconds = batch(api, template, BATCH_SIZE);
        System.out.printf("batch of %,d recipients: completed in %.2f s (%,.0f certificates/s)%n", BATCH_SIZE,
                batchSeconds, BATCH_SIZE / batchSeconds);
    }

    /** Waits until every certificate issued so far has joined a window and every event has left the outbox. */
    private static void awaitQuiet(JdbcClient jdbc) throws InterruptedException {
        while (jdbc.sql("""
                        select (select count(*) from outbox)
                             + (select count(*) from certificates
                                where anchor_window_id is null and environment = 'live' and credential is not null)""")
                .query(Long.class).single() > 0) {
            Thread.sleep(500);
        }
    }

    /** Open Badges credentials built and signed (eddsa-rdfc-2022) per second, one signer per core. */
    private static void signing(OpenBadgeCredentials credentials) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        CredentialClaims claims = new CredentialClaims(false, "cert_benchmark", "tmpl_benchmark", "Benchmarking",
                "Signs credentials as fast as it can", "Run the benchmark", "Learner", "learner@example.org",
                "{\"course\":\"Benchmarking\",\"completed_on\":\"2026-11-21\"}", Instant.now(), null, 42, List.of(), null);
        for (Duration period : List.of(WARM_UP, MEASURE)) {
            AtomicBoolean running = new AtomicBoolean(true);
            List<Future<Long>> signers = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                for (int t = 0; t < threads; t++) {
                    signers.add(pool.submit(() -> {
                        long signed = 0;
                        while (running.get()) {
                            credentials.issue(claims);
                            signed++;
                        }
                        return signed;
                    }));
                }
                Thread.sleep(period.toMillis());
                running.set(false);
            }
            long signed = 0;
            for (Future<Long> signer : signers) {
                signed += signer.get();
            }
            if (period == MEASURE) {
                System.out.printf("credentials built and signed (eddsa-rdfc-2022), %d threads, %d s: %,.0f credentials/s%n",
                        threads, period.toSeconds(), signed / (double) period.toSeconds());
            }
        }
    }

    static double batch(ApiClient api, String template, int size) throws InterruptedException {
        List<Object> recipients = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            recipients.add(Map.of("name", "Learner " + i, "email", "learner" + i + "@example.org",
                    "fields", Map.of("course", "Benchmarking", "completed_on", "2026-11-21")));
        }
        long start = System.nanoTime();
        ApiClient.Response accepted = api.post("/v1/certificates/batch",
                Map.of("template_id", template, "recipients", recipients));
        if (accepted.status() != 202) {
            throw new IllegalStateException("Batch refused: " + accepted.body());
        }
        String id = accepted.body().get("id").asText();
        while (true) {
            JsonNode batch = api.get("/v1/batches/" + id).body();
            if (!batch.get("status").asText().equals("processing")) {
                if (batch.get("completed").asInt() != size) {
                    throw new IllegalStateException("Batch finished with " + batch.get("completed") + " of " + size);
                }
                return (System.nanoTime() - start) / 1e9;
            }
            Thread.sleep(100);
        }
    }

    /** A POST with the bootstrap key. */
    private static BenchmarkRequest post(String path, String body) {
        return new BenchmarkRequest(path, Map.of("Authorization", "Bearer " + HubTest.BOOTSTRAP_KEY,
                "Content-Type", "application/json"), body);
    }
}
