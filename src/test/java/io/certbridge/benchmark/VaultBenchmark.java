package io.certbridge.benchmark;

import io.certbridge.support.ApiClient;
import io.certbridge.support.CertificateFiles;
import io.certbridge.support.MultipartForm;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The vault's bulk upload: {@code -Dvault.certificates} PDFs (1,000 by default; one-page diplomas with room for the
 * stamp) uploaded one by one, then one batch naming them all, timed from the batch's POST until every entry is
 * approved (stamped copy, signed credential, certificate stored), on a hub of its own. It prints both times and the
 * machine's load average before and after, for the other work on a shared machine shows in the figure.
 */
final class VaultBenchmark {

    private final int certificates = Integer.getInteger("vault.certificates", 1_000);

    void run() throws Exception {
        List<byte[]> pdfs = new ArrayList<>();
        for (int i = 0; i < certificates; i++) {
            pdfs.add(CertificateFiles.pdf("Learner " + i));
        }
        try (BenchmarkHub hub = BenchmarkHub.start()) {
            ApiClient api = hub.api();
            String template = api.post("/v1/templates", Map.of("name", "Vault benchmark", "fields", List.of()))
                    .body().get("id").asText();
            double loadBefore = load();
            long uploadStart = System.nanoTime();
            List<Object> entries = new ArrayList<>();
            for (int i = 0; i < certificates; i++) {
                ApiClient.Response uploaded = api.post("/v1/vault/files",
                        new MultipartForm().file("file", "diploma.pdf", "application/pdf", pdfs.get(i)));
                entries.add(Map.of("file_id", uploaded.body().get("file_id").asText(),
                        "recipient_name", "Learner " + i, "recipient_email", "learner" + i + "@example.org",
                        "title", "Diploma", "issue_date", "2025-06-30"));
            }
            double uploadSeconds = (System.nanoTime() - uploadStart) / 1e9;

            long start = System.nanoTime();
            String batch = api.post("/v1/vault/batches", Map.of("template_id", template, "entries", entries))
                    .body().get("id").asText();
            while (!api.get("/v1/vault/batches/" + batch).body().get("status").asText().equals("completed")) {
                Thread.sleep(100);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int approved = api.get("/v1/vault/batches/" + batch).body().at("/counts/approved").asInt();
            System.out.printf("vault: %,d PDFs uploaded in %.1f s (%,.0f files/s); the bulk of %,d approved in %.1f s "
                            + "from its POST (%,.1f certificates/s), %,d approved; load average %.1f before, %.1f after%n",
                    certificates, uploadSeconds, certificates / uploadSeconds, certificates, seconds,
                    approved / seconds, approved, loadBefore, load());
        }
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
