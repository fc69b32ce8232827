package io.certbridge.support;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Live certificates of a template of their own, for tests that need some and do not care what they say. */
public final class SampleCertificates {

    private SampleCertificates() {
    }

    /** Issues {@code count} certificates one by one; their ids, in order. */
    public static List<String> issue(ApiClient api, int count) {
        String template = api.post("/v1/templates", Map.of("name", "Sample " + System.nanoTime(),
                        "fields", List.of(Map.of("name", "course", "type", "string", "required", true))))
                .body().get("id").asText();
        return IntStream.range(0, count)
                .mapToObj(i -> api.post("/v1/certificates", Map.of("template_id", template,
                        "recipient", Map.of("name", "Learner " + i, "email", "learner" + i + "@example.org"),
                        "fields", Map.of("course", "Sample course"))).body().get("id").asText())
                .toList();
    }
}
