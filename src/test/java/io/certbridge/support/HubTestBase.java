package io.certbridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Gives a test a client of the running hub and a few shortcuts for what most tests need first. */
@HubTest
public abstract class HubTestBase {

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void outsideSystems(DynamicPropertyRegistry registry) {
        OutsideSystems.register(registry);
    }

    protected ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port, HubTest.BOOTSTRAP_KEY);
    }

    /** Delivers webhooks to the hub's intake endpoints. */
    protected HookClient hooks() {
        return new HookClient("http://127.0.0.1:" + port);
    }

    protected ApiClient anonymous() {
        return api().withKey(null);
    }

    /** A new key with the given scopes, in the given environment. */
    protected ApiClient keyWith(String environment, String... scopes) {
        ApiClient.Response created = api().post("/v1/api-keys",
                Map.of("name", "test " + UUID.randomUUID(), "scopes", List.of(scopes), "environment", environment));
        if (created.status() != 201) {
            throw new AssertionError("Could not create a key: " + created.body());
        }
        return api().withKey(created.body().get("key").asText());
    }

    /** A template with a required string field "course" and optional "grade" (number) and "completed_on" (date). */
    protected String courseTemplate() {
        ApiClient.Response created = api().post("/v1/templates", Map.of(
                "name", "Course completion " + UUID.randomUUID(),
                "description", "Completed the course",
                "criteria", "Pass every module",
                "fields", List.of(
                        Map.of("name", "course", "type", "string", "required", true),
                        Map.of("name", "grade", "type", "number", "required", false),
                        Map.of("name", "completed_on", "type", "date", "required", false))));
        if (created.status() != 201) {
            throw new AssertionError("Could not create a template: " + created.body());
        }
        return created.body().get("id").asText();
    }

    protected static Map<String, Object> certificate(String templateId, String email) {
        return Map.of("template_id", templateId,
                "recipient", Map.of("name", "Ada Lovelace", "email", email),
                "fields", Map.of("course", "Analytical Engines", "grade", 97.5, "completed_on", "2026-11-01"));
    }

    protected static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
