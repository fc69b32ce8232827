package io.certbridge.issuers.swanshare;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.emulator.swanshare.Credential;
import io.certbridge.emulator.swanshare.SwanShareEmulator;
import io.certbridge.support.ApiClient;
import io.certbridge.support.SwanShareAccount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the SwanShare tests do through the hub's API, and what they read at the emulator. */
final class SwanShareTemplates {

    private SwanShareTemplates() {
    }

    /** A template issued through the account {@value SwanShareAccount#NAME}; returns its id. */
    static String template(ApiClient api) {
        ApiClient.Response created = api.post("/v1/templates", Map.of(
                "name", "SwanShare course " + UUID.randomUUID(),
                "fields", List.of(Map.of("name", "course", "type", "string", "required", true),
                        Map.of("name", "grade", "type", "number", "required", false)),
                "issuer", SwanShareAccount.NAME));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    /** A batch of {@code count} recipients of the template; returns the batch's id. */
    static String batch(ApiClient api, String template, int count) {
        List<Object> rows = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < count; i++) {
            rows.add(Map.of("name", "Learner " + i, "email", "learner" + i + "." + run + "@example.org",
                    "fields", Map.of("course", "Data Analytics", "grade", i)));
        }
        ApiClient.Response batch = api.post("/v1/certificates/batch", Map.of("template_id", template,
                "recipients", rows));
        assertThat(batch.status()).as(batch.body().toString()).isEqualTo(202);
        return batch.body().get("id").asText();
    }

    /** The template's certificates with this status, every page. */
    static List<JsonNode> certificates(ApiClient api, String template, String status) {
        List<JsonNode> all = new ArrayList<>();
        String after = null;
        do {
            JsonNode page = api.get("/v1/certificates?limit=100&template_id=" + template + "&status=" + status
                    + (after == null ? "" : "&starting_after=" + after)).body();
            page.get("data").forEach(all::add);
            after = page.get("has_more").asBoolean() ? all.getLast().get("id").asText() : null;
        } while (after != null);
        return all;
    }

    /** The credentials the emulator issued for the hub's certificates of this template's title. */
    static List<Credential> credentials(SwanShareEmulator swanshare, String title) {
        return swanshare.credentials().stream().filter(c -> c.title().equals(title)).toList();
    }

    /** Each certificate exactly once at SwanShare: one credential per certbridge_id, for exactly these ids. */
    static void assertIssuedExactlyOnce(SwanShareEmulator swanshare, List<String> certificateIds) {
        List<String> references = swanshare.credentials().stream()
                .map(c -> c.fields().path(SwanShareEmulator.REFERENCE_FIELD).asText())
                .filter(certificateIds::contains).toList();
        assertThat(references).as("one credential per certificate at SwanShare")
                .hasSameSizeAs(certificateIds).containsExactlyInAnyOrderElementsOf(certificateIds);
    }
}
