package io.certbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of bad input gets a 4xx problem+json with a stable code and the offending fields. */
class BadInputTest extends HubTestBase {

    String template;

    @BeforeEach
    void template() {
        template = courseTemplate();
    }

    private static void assertProblem(ApiClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode body = response.body();
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("type").asText()).isEqualTo("urn:certbridge:problem:" + code);
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(body.get("detail").asText()).isNotBlank();
        assertThat(body.get("errors").isArray()).isTrue();
        assertThat(response.raw().body()).doesNotContain("Exception").doesNotContain("at io.");
    }

    private static List<String> fields(ApiClient.Response response) {
        return response.body().get("errors").findValuesAsText("field");
    }

    @Test
    void malformedJson() {
        assertProblem(api().post("/v1/certificates", "{\"template_id\": "), 400, "malformed_json");
        assertProblem(api().post("/v1/certificates", "not json at all"), 400, "malformed_json");
    }

    @Test
    void wrongTypesNameTheField() {
        Map<String, Object> body = new HashMap<>(certificate(template, "a@example.org"));
        body.put("recipient", "Ada");
        ApiClient.Response response = api().post("/v1/certificates", body);
        assertProblem(response, 400, "invalid_type");
        assertThat(fields(response)).containsExactly("recipient");

        body.put("recipient", Map.of("name", "Ada", "email", "a@example.org"));
        body.put("expires_at", "next tuesday");
        assertThat(fields(api().post("/v1/certificates", body))).containsExactly("expires_at");
    }

    @Test
    void unknownFieldsAreRefused() {
        Map<String, Object> body = new HashMap<>(certificate(template, "a@example.org"));
        body.put("colour", "blue");
        ApiClient.Response response = api().post("/v1/certificates", body);
        assertProblem(response, 400, "unknown_field");
        assertThat(fields(response)).containsExactly("colour");

        ApiClient.Response unknownTemplateField = api().post("/v1/certificates", Map.of("template_id", template,
                "recipient", Map.of("name", "Ada", "email", "a@example.org"),
                "fields", Map.of("course", "x", "shoe_size", 44)));
        assertProblem(unknownTemplateField, 422, "validation_failed");
        assertThat(fields(unknownTemplateField)).containsExactly("fields.shoe_size");
    }

    @Test
    void fieldValuesAreCheckedAgainstTheTemplate() {
        ApiClient.Response response = api().post("/v1/certificates", Map.of("template_id", template,
                "recipient", Map.of("name", "", "email", "not-an-address"),
                "fields", Map.of("grade", "ninety", "completed_on", "01/11/2026")));

        assertProblem(response, 422, "validation_failed");
        assertThat(fields(response)).containsExactlyInAnyOrder("recipient.name", "recipient.email", "fields.course",
                "fields.grade", "fields.completed_on");
    }

    @Test
    void missingTemplateAndUnknownTemplate() {
        ApiClient.Response missing = api().post("/v1/certificates", Map.of(
                "recipient", Map.of("name", "Ada", "email", "a@example.org")));
        assertProblem(missing, 422, "validation_failed");
        assertThat(fields(missing)).containsExactly("template_id");

        ApiClient.Response unknown = api().post("/v1/certificates", certificate("tmpl_nope", "a@example.org"));
        assertProblem(unknown, 422, "unknown_template");
        assertThat(fields(unknown)).containsExactly("template_id");
    }

    @Test
    void anExpiryInThePastIsRefused() {
        Map<String, Object> body = new HashMap<>(certificate(template, "a@example.org"));
        body.put("expires_at", "2020-01-01T00:00:00Z");
        ApiClient.Response response = api().post("/v1/certificates", body);
        assertProblem(response, 422, "validation_failed");
        assertThat(fields(response)).containsExactly("expires_at");
    }

    @Test
    void aBodyOverOneMegabyteIsTooLarge() {
        String huge = "{\"template_id\":\"" + template + "\",\"fields\":{\"course\":\"" + "x".repeat(1_100_000) + "\"}}";
        assertProblem(api().post("/v1/certificates", huge), 413, "payload_too_large");
    }

    @Test
    void unknownIdsAndPathsAreNotFound() {
        assertProblem(api().get("/v1/certificates/cert_missing"), 404, "resource_not_found");
        assertProblem(api().get("/v1/batches/batch_missing"), 404, "resource_not_found");
        assertProblem(api().get("/v1/nothing-here"), 404, "resource_not_found");
        assertProblem(api().delete("/v1/api-keys/key_missing"), 404, "resource_not_found");
    }

    @Test
    void aProblemNamesTheRequestItAnswers() {
        assertThat(api().get("/v1/certificates/cert_missing").body().get("instance").asText())
                .isEqualTo("/v1/certificates/cert_missing");
        String huge = "{\"x\": \"" + "a".repeat(1_100_000) + "\"}";
        assertThat(api().post("/v1/certificates", huge).body().get("instance").asText()).as("a filter's answer")
                .isEqualTo("/v1/certificates");
    }

    @Test
    void wrongMethodAndMediaType() {
        assertProblem(api().send("PUT", "/v1/certificates", Map.of(), Map.of()), 405, "method_not_allowed");
        assertProblem(api().send("POST", "/v1/templates", "name=x",
                Map.of("Content-Type", "application/x-www-form-urlencoded")), 415, "unsupported_media_type");
    }

    @Test
    void anEmptyBodyIsMalformed() {
        assertProblem(api().send("POST", "/v1/certificates", null, Map.of("Content-Type", "application/json")), 400,
                "malformed_json");
    }

    @Test
    void aBadStatusChangeIsRefused() {
        String id = api().post("/v1/certificates", certificate(template, "a@example.org")).body().get("id").asText();
        ApiClient.Response response = api().patch("/v1/certificates/" + id, Map.of("status", "revoked"));
        assertProblem(response, 422, "validation_failed");
        assertThat(fields(response)).containsExactly("status");
    }

    @Test
    void theNulCharacterIsRefusedWithItsFieldNamed() {
        ApiClient.Response inRecipient = api().post("/v1/certificates", Map.of("template_id", template,
                "recipient", Map.of("name", "Ada\u0000", "email", "a@example.org"), "fields", Map.of("course", "x")));
        assertProblem(inRecipient, 400, "invalid_type");
        assertThat(fields(inRecipient)).containsExactly("recipient.name");

        ApiClient.Response inField = api().post("/v1/certificates", Map.of("template_id", template,
                "recipient", Map.of("name", "Ada", "email", "a@example.org"), "fields", Map.of("course", "x\u0000")));
        assertProblem(inField, 422, "validation_failed");
        assertThat(fields(inField)).containsExactly("fields.course");
    }

    @Test
    void bidirectionalControlsThatWouldShowANameReversedAreRefused() {
        ApiClient.Response inRecipient = api().post("/v1/certificates", Map.of("template_id", template,
                "recipient", Map.of("name", "Zoë \u202Eevil", "email", "z@example.org"), "fields", Map.of("course", "x")));
        assertProblem(inRecipient, 422, "bidi_control_character");
        assertThat(fields(inRecipient)).containsExactly("recipient.name");

        ApiClient.Response inField = api().post("/v1/certificates", Map.of("template_id", template,
                "recipient", Map.of("name", "Zoë", "email", "z@example.org"),
                "fields", Map.of("course", "\u2067Course\u2069 101")));
        assertProblem(inField, 422, "bidi_control_character");
        assertThat(fields(inField)).containsExactly("fields.course");

        ApiClient.Response inBatch = api().post("/v1/certificates/batch", Map.of("template_id", template,
                "recipients", List.of(
                        Map.of("name", "Ada", "email", "a@example.org", "fields", Map.of("course", "x\u202A")),
                        Map.of("name", "Zoë \u202Dlive", "email", "z@example.org", "fields", Map.of("course", "x")))));
        assertProblem(inBatch, 422, "bidi_control_character");
        assertThat(fields(inBatch)).containsExactly("recipients[0].fields.course", "recipients[1].name");

        ApiClient.Response inTemplate = api().post("/v1/templates", Map.of("name", "Course \u202Ereversed"));
        assertProblem(inTemplate, 422, "bidi_control_character");
        assertThat(fields(inTemplate)).containsExactly("name");

        ApiClient.Response rightToLeft = api().post("/v1/certificates", Map.of("template_id", template,
                "recipient", Map.of("name", "زينب \u200Fעברית", "email", "z@example.org"), "fields", Map.of("course", "x")));
        assertThat(rightToLeft.status()).as("a right-to-left name with a plain direction mark").isEqualTo(201);
    }

    @Test
    void anExpiryBeyondTheYear9999IsRefused() {
        Map<String, Object> body = new HashMap<>(certificate(template, "a@example.org"));
        body.put("expires_at", "+10000-01-01T00:00:00Z");
        ApiClient.Response response = api().post("/v1/certificates", body);
        assertProblem(response, 422, "validation_failed");
        assertThat(fields(response)).containsExactly("expires_at");
    }

    @Test
    void oversizedFieldsAreRefused() {
        ApiClient.Response response = api().post("/v1/certificates", Map.of("template_id", template,
                "recipient", Map.of("name", "Ada", "email", "a@example.org"),
                "fields", Map.of("course", "x".repeat(70_000))));
        assertProblem(response, 422, "validation_failed");
        assertThat(fields(response)).containsExactly("fields");
    }

    @Test
    void aBodyThatIsNotAnObjectIsABadRequest() {
        ApiClient.Response response = api().post("/v1/certificates", "[]");
        assertProblem(response, 400, "invalid_type");
        assertThat(response.raw().body()).doesNotContain("io.certbridge");
    }

    @Test
    void anAnswerTheClientCannotAcceptCreatesNothing() {
        ApiClient.Response refused = api().send("POST", "/v1/certificates", certificate(template, "html@example.org"),
                Map.of("Accept", "text/html"));
        assertThat(refused.status()).isEqualTo(406);
        assertThat(api().get("/v1/certificates?template_id=" + template).body().get("data")).isEmpty();
    }

    @Test
    void theErrorPathItselfIsNotAServerError() {
        assertProblem(anonymous().get("/error"), 404, "resource_not_found");
    }
}
