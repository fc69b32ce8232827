package io.certbridge.support.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.certbridge.api.docs.ApiDescription;
import io.certbridge.support.openapi.OpenApiDescription.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract test's judge refuses what the description does not allow, so that its passing means something. */
class OpenApiDescriptionTest {

    private static final Operation GET_TEMPLATE = new Operation("GET", "/v1/templates/{id}");
    private static OpenApiDescription description;

    @BeforeAll
    static void read() throws IOException {
        try (InputStream yaml = ApiDescription.class.getResourceAsStream(ApiDescription.SOURCE)) {
            description = new OpenApiDescription(new ObjectMapper().writeValueAsBytes(new YAMLMapper().readTree(yaml)));
        }
    }

    @Test
    void aCallLandsOnTheOperationWhosePathHasTheFewestVariables() {
        assertThat(description.operationFor("POST", "/v1/certificates/batch"))
                .contains(new Operation("POST", "/v1/certificates/batch"));
        assertThat(description.operationFor("GET", "/v1/vault/batches/vb_1"))
                .contains(new Operation("GET", "/v1/vault/batches/{id}"));
        assertThat(description.operationFor("GET", "/v1/templates/tmpl_1")).contains(GET_TEMPLATE);
        assertThat(description.operationFor("PUT", "/v1/templates/tmpl_1")).isEmpty();
    }

    @Test
    void anUndocumentedStatusIsAProblem() {
        assertThat(description.problems(GET_TEMPLATE, 418, "application/json", bytes("{}")))
                .containsExactly("status 418 is not documented");
    }

    @Test
    void aContentTypeTheStatusDoesNotHaveIsAProblem() {
        assertThat(description.problems(GET_TEMPLATE, 404, "application/json", bytes(notFound())))
                .singleElement().asString().contains("content type 'application/json' is not one of [application/problem+json]");
    }

    @Test
    void aBodyIsHeldToItsSchemaWithReferencesResolved() {
        assertThat(description.problems(GET_TEMPLATE, 404, "application/problem+json", bytes(notFound()))).isEmpty();
        assertThat(description.problems(GET_TEMPLATE, 404, "application/problem+json; charset=utf-8",
                bytes(notFound().replace("resource_not_found", "no_such_code"))))
                .singleElement().asString().contains("$.code");
        assertThat(description.problems(GET_TEMPLATE, 200, "application/json", bytes("""
                {"id": "tmpl_1", "object": "template", "name": "n", "fields": [{"name": "course", "type": "colour"}],
                 "created_at": "2026-12-07T00:00:00Z"}""")))
                .singleElement().asString().contains("$.fields[0].type");
    }

    private static String notFound() {
        return """
                {"type": "urn:certbridge:problem:resource_not_found", "title": "Not found", "status": 404,
                 "detail": "No template tmpl_1", "instance": "/v1/templates/tmpl_1", "code": "resource_not_found",
                 "errors": []}""";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
