package io.certbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /v1/rules: create, read, change and delete; what makes a rule invalid; rules from configuration. */
class RulesApiTest extends HubTestBase {

    private Map<String, Object> canvasRule(String template) {
        return Map.of("name", "CS101", "source", "canvas", "event_type", "course_completed", "course_id", "565",
                "template_id", template, "fields", Map.of("course", "$.course.name"),
                "writebacks", List.of(Map.of("type", "canvas_custom_data", "namespace", "com.example.certbridge")));
    }

    @Test
    void aRuleIsCreatedReadReplacedAndDeleted() {
        String template = courseTemplate();
        ApiClient.Response created = api().post("/v1/rules", canvasRule(template));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asText();
        assertThat(id).startsWith("rule_");
        assertThat(created.body().get("origin").asText()).isEqualTo("api");
        assertThat(created.body().get("issuer").asText()).isEqualTo("live");
        assertThat(created.body().get("event_type").asText()).isEqualTo("course_completed");

        assertThat(api().get("/v1/rules/" + id).body().get("course_id").asText()).isEqualTo("565");
        assertThat(api().get("/v1/rules?limit=100").body().get("data").findValuesAsText("id")).contains(id);

        Map<String, Object> changed = new HashMap<>(canvasRule(template));
        changed.put("course_id", "566");
        ApiClient.Response replaced = api().send("PUT", "/v1/rules/" + id, changed, Map.of());
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.body().get("course_id").asText()).isEqualTo("566");

        assertThat(api().delete("/v1/rules/" + id).status()).isEqualTo(204);
        assertThat(api().get("/v1/rules/" + id).status()).isEqualTo(404);
    }

    @Test
    void anInvalidRuleIsRefusedWithEveryProblemNamed() {
        ApiClient.Response refused = api().post("/v1/rules", Map.of(
                "name", "bad", "source", "blackboard", "event_type", "course_completed", "template_id", "tmpl_nope",
                "conditions", List.of(Map.of("path", "$..[", "operator", "gte", "value", 1),
                        Map.of("path", "$.x", "operator", "between")),
                "writebacks", List.of(Map.of("type", "moodle_profile_field", "field", "certificateurl"))));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("code").asText()).isEqualTo("validation_failed");
        assertThat(refused.body().get("errors").findValuesAsText("field")).contains("source", "template_id",
                "conditions[0].path", "conditions[1].operator");

        Map<String, Object> mismatched = new HashMap<>(canvasRule(courseTemplate()));
        mismatched.put("writebacks", List.of(Map.of("type", "moodle_profile_field", "field", "certificateurl")));
        mismatched.put("fields", Map.of("nickname", "$.learner.name"));
        JsonNode errors = api().post("/v1/rules", mismatched).body().get("errors");
        assertThat(errors.findValuesAsText("field")).contains("writebacks[0].type", "fields.nickname");
        assertThat(api().post("/v1/rules", Map.of("name", "x", "unknown", 1)).status()).isEqualTo(400);
    }

    @Test
    void aWritebackPropertyItsTypeDoesNotTakeIsAnUnknownField() {
        Map<String, Object> rule = new HashMap<>(canvasRule(courseTemplate()));
        rule.put("writebacks", List.of(Map.of("type", "canvas_custom_data", "namespace", "com.example.certbridge",
                "colour", "blue")));
        ApiClient.Response refused = api().post("/v1/rules", rule);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("code").asText()).isEqualTo("unknown_field");
        assertThat(refused.body().get("errors").findValuesAsText("field")).containsExactly("writebacks[0].colour");

        // another type's property too: each type takes its own
        rule.put("writebacks", List.of(Map.of("type", "canvas_custom_data", "namespace", "com.example.certbridge",
                "field", "certificateurl")));
        refused = api().post("/v1/rules", rule);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("errors").findValuesAsText("field")).containsExactly("writebacks[0].field");
    }

    @Test
    void rulesBelongToTheEnvironmentOfTheKeyAndNeedTheScope() {
        String template = courseTemplate();
        ApiClient sandbox = keyWith("test", "rules:manage");
        ApiClient.Response created = sandbox.post("/v1/rules", canvasRule(template));
        assertThat(created.body().get("issuer").asText()).isEqualTo("sandbox");
        String id = created.body().get("id").asText();

        assertThat(api().get("/v1/rules/" + id).status()).isEqualTo(404);
        Map<String, Object> live = new HashMap<>(canvasRule(template));
        live.put("issuer", "live");
        assertThat(sandbox.post("/v1/rules", live).status()).isEqualTo(422);
        assertThat(keyWith("live", "certificates:read").get("/v1/rules").status()).isEqualTo(403);
        assertThat(sandbox.get("/v1/intake-events").status()).isEqualTo(403);
    }

    @Test
    void aRuleFromTheConfigurationIsShownButChangedOnlyThere() {
        ApiClient.Response configured = api().get("/v1/rules/configured-relay-rule");

        assertThat(configured.status()).isEqualTo(200);
        assertThat(configured.body().get("origin").asText()).isEqualTo("config");
        assertThat(configured.body().get("source").asText()).isEqualTo("relay");
        ApiClient.Response delete = api().delete("/v1/rules/configured-relay-rule");
        assertThat(delete.status()).isEqualTo(409);
        assertThat(delete.body().get("code").asText()).isEqualTo("rule_from_configuration");
    }
}
