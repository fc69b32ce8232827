package io.certbridge.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads values out of event JSON by JSONPath. A value that starts with {@code $} is a path; any other
 * value is literal text. A path that finds nothing, or finds null, gives nothing: sources drop null keys.
 */
public final class JsonPaths {

    private static final Configuration CONFIGURATION = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .options(Option.SUPPRESS_EXCEPTIONS)
            .build();
    private static final int MAX_CACHED = 10_000;
    private static final Map<String, JsonPath> COMPILED = new ConcurrentHashMap<>();

    private JsonPaths() {
    }

    public static boolean isPath(String expression) {
        return expression != null && expression.startsWith("$");
    }

    /** Why {@code expression} is not a usable path, if it is not. */
    public static Optional<String> problem(String expression) {
        if (!isPath(expression)) {
            return Optional.empty();
        }
        try {
            JsonPath.compile(expression);
            return Optional.empty();
        } catch (InvalidPathException | IllegalArgumentException e) {
            return Optional.of("is not a valid JSONPath: " + e.getMessage());
        }
    }

    /** The value of {@code expression} in {@code document}: the path's value, or the literal text. */
    public static Optional<JsonNode> value(JsonNode document, String expression) {
        if (expression == null) {
            return Optional.empty();
        }
        if (!isPath(expression)) {
            return Optional.of(JsonNodeFactory.instance.textNode(expression));
        }
        JsonNode found = compiled(expression).read(document, CONFIGURATION);
        return found == null || found.isNull() || found.isMissingNode() ? Optional.empty() : Optional.of(found);
    }

    /** The value as text, for ids and names: numbers become their decimal text. */
    public static Optional<String> text(JsonNode document, String expression) {
        return value(document, expression).filter(JsonNode::isValueNode).map(JsonNode::asText)
                .filter(s -> !s.isBlank());
    }

    /** The value at a fixed path of field names, as text: what {@link #text} gives, without parsing a JSONPath. */
    public static Optional<String> field(JsonNode document, String... names) {
        JsonNode node = document;
        for (String name : names) {
            node = node.path(name);
        }
        return node.isValueNode() && !node.isNull() && !node.asText().isBlank() ? Optional.of(node.asText())
                : Optional.empty();
    }

    private static JsonPath compiled(String expression) {
        JsonPath path = COMPILED.get(expression);
        if (path == null) {
            path = JsonPath.compile(expression);
            if (COMPILED.size() < MAX_CACHED) {
                COMPILED.put(expression, path);
            }
        }
        return path;
    }
}
