package io.certbridge.benchmark;

import io.certbridge.CertbridgeApplication;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * A hub of a benchmark part's own, in this JVM, on the embedded default under a temporary directory, with the
 * API's rate limits out of the way and a template ready to issue from; closing it removes its data.
 */
record BenchmarkHub(ConfigurableApplicationContext context, ApiClient api, String template, Path data)
        implements AutoCloseable {

    /** @param settings further properties, as {@code name=value} */
    static BenchmarkHub start(String... settings) throws IOException {
        Path data = Files.createTempDirectory("certbridge-benchmark-part");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(CertbridgeApplication.class).run(
                Stream.concat(Stream.of("server.port=0", "certbridge.data-dir=" + data,
                                "certbridge.bootstrap-api-key=" + HubTest.BOOTSTRAP_KEY,
                                "certbridge.api.rate-limit-per-minute=1000000000", "logging.level.root=WARN"),
                        Stream.of(settings)).map(setting -> "--" + setting).toArray(String[]::new));
        ApiClient api = new ApiClient("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"),
                HubTest.BOOTSTRAP_KEY);
        String template = api.post("/v1/templates", Map.of("name", "Benchmark", "fields", List.of(
                        Map.of("name", "course", "type", "string", "required", true),
                        Map.of("name", "completed_on", "type", "date", "required", false))))
                .body().get("id").asText();
        return new BenchmarkHub(context, api, template, data);
    }

    @Override
    public void close() {
        context.close();
        FileSystemUtils.deleteRecursively(data.toFile());
    }
}
