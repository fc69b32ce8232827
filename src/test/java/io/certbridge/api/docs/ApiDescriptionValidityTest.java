package io.certbridge.api.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The description as a client generator reads it (swagger-parser): valid OpenAPI 3.1 whose references all
 * resolve, and held to the conventions its readers rely on.
 */
class ApiDescriptionValidityTest {

    private static SwaggerParseResult parsed;

    @BeforeAll
    static void parse() throws IOException {
        try (InputStream yaml = ApiDescription.class.getResourceAsStream(ApiDescription.SOURCE)) {
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            parsed = new OpenAPIV3Parser().readContents(new String(yaml.readAllBytes(), StandardCharsets.UTF_8), null,
                    options);
        }
    }

    @Test
    void itIsValidOpenApi31() {
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getSpecVersion()).isEqualTo(SpecVersion.V31);
    }

    @Test
    void everyOperationHasItsOwnIdAndAKeyedOneNamesItsScopeAndItsAuthenticationErrors() {
        OpenAPI api = parsed.getOpenAPI();
        Set<String> ids = new HashSet<>();
        List<String> wrong = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            String name = method + " " + path;
            if (!ids.add(String.valueOf(operation.getOperationId()))) {
                wrong.add(name + ": operationId missing or used twice");
            }
            if (keyed(operation) != (extension(operation) != null)) {
                wrong.add(name + ": a keyed operation names its x-required-scope, a public one none");
            }
            if (keyed(operation) && !operation.getResponses().keySet().containsAll(Set.of("401", "403", "429"))) {
                wrong.add(name + ": a keyed operation answers 401, 403 and 429");
            }
        }));
        assertThat(wrong).isEmpty();
        assertThat(ids).hasSizeGreaterThan(80);
    }

    private static boolean keyed(Operation operation) {
        return operation.getSecurity() == null || !operation.getSecurity().isEmpty();
    }

    private static Object extension(Operation operation) {
        Map<String, Object> extensions = operation.getExtensions();
        return extensions == null ? null : extensions.get("x-required-scope");
    }
}
