package io.certbridge.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TemplatesTest extends HubTestBase {

    @Test
    void aTemplateIsCreatedAndReadBack() {
        ApiClient.Response created = api().post("/v1/templates", Map.of(
                "name", "First aid", "description", "Basic first aid", "criteria", "Attend and pass the test",
                "fields", List.of(Map.of("name", "venue", "type", "string", "required", true)),
                "valid_for_days", 730));

        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asText();
        assertThat(id).startsWith("tmpl_");

        ApiClient.Response read = api().get("/v1/templates/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("name").asText()).isEqualTo("First aid");
        assertThat(read.body().get("valid_for_days").asInt()).isEqualTo(730);
        assertThat(read.body().get("fields").get(0).get("type").asText()).isEqualTo("string");
        assertThat(read.body().get("fields").get(0).get("required").asBoolean()).isTrue();
    }

    @Test
    void templatesAreListedPageByPage() {
        for (int i = 0; i < 3; i++) {
            courseTemplate();
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            ApiClient.Response page = api().get("/v1/templates?limit=2" + (cursor == null ? "" : "&starting_after=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().get("data").size()).isLessThanOrEqualTo(2);
            page.body().get("data").forEach(t -> assertThat(seen.add(t.get("id").asText())).isTrue());
            cursor = page.body().get("has_more").asBoolean() ? page.body().get("next_cursor").asText() : null;
            pages++;
        } while (cursor != null && pages < 1000);
        assertThat(seen.size()).isGreaterThanOrEqualTo(3);
        assertThat(pages).isGreaterThanOrEqualTo(2);
    }

    @Test
    void anInvalidTemplateIsRefusedWithItsFieldsNamed() {
        ApiClient.Response invalid = api().post("/v1/templates", Map.of(
                "name", " ",
                "description", "Broken in every PDF\u0001",
                "fields", List.of(Map.of("name", "1st", "type", "string"), Map.of("name", "a", "type", "string"),
                        Map.of("name", "a", "type", "date")),
                "valid_for_days", 0,
                "design", "<html><body>{{#fields}}{{#fields}}{{name}}{{/fields}}{{/fields}}</body></html>"));

        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.body().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("name", "description", "fields[0].name", "fields[2].name",
                        "valid_for_days", "design");
    }

    @Test
    void anUnknownFieldTypeIsABadRequest() {
        ApiClient.Response invalid = api().post("/v1/templates", Map.of("name", "x",
                "fields", List.of(Map.of("name", "when", "type", "datetime"))));

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().get("code").asText()).isEqualTo("invalid_type");
        assertThat(invalid.body().get("errors").get(0).get("field").asText()).isEqualTo("fields[0].type");
    }

    @Test
    void anUnknownTemplateIsNotFound() {
        ApiClient.Response missing = api().get("/v1/templates/tmpl_doesNotExist");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("code").asText()).isEqualTo("resource_not_found");
    }
}
