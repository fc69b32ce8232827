package io.certbridge.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Live certificates of a template of their own, for tests that need some and do not care what they say. */
public final class SampleCertificates {

    private SampleCertificates() {
    }

    /** Issues {@code count} certificates one by one; their ids, in order. */
    public static List<String> issue(ApiClient api, int count) {
        String template = template(api);
        return IntStream.range(0, count)
                .mapToObj(i -> api.post("/v1/certificates", Map.of("template_id", template,
                        "recipient", Map.of("name", "Learner " + i, "email", "learner" + i + "@example.org"),
                        "fields", Map.of("course", "Sample course"))).body().get("id").asText())
                .toList();
    }

    /** Issues {@code count} certificates in one batch, and waits until it is done; the batch's own template. */
    public static String issueBatch(ApiClient api, int count) {
        String template = template(api);
        List<Object> recipients = IntStream.range(0, count)
                .mapToObj(i -> (Object) Map.of("name", "Learner " + i, "email", "learner" + i + "@example.org",
                        "fields", Map.of("course", "Sample course")))
                .toList();
        String batch = api.post("/v1/certificates/batch", Map.of("template_id", template, "recipients", recipients))
                .body().get("id").asText();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/v1/batches/" + batch).body().get("status").asText(), "completed"::equals);
        return template;
    }

    /** Every certificate of a template, page after page. */
    public static List<JsonNode> ofTemplate(ApiClient api, String template) {
        List<JsonNode> certificates = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = api.get("/v1/certificates?limit=100&template_id=" + template
                    + (after == null ? "" : "&starting_after=" + after)).body();
            page.get("data").forEach(certificates::add);
            after = page.path("next_cursor").asText(null);
        } while (after != null);
        return certificates;
    }

    private static String template(ApiClient api) {
        return api.post("/v1/templates", Map.of("name", "Sample " + System.nanoTime(),
                        "fields", List.of(Map.of("name", "course", "type", "string", "required", true))))
                .body().get("id").asText();
    }
}
