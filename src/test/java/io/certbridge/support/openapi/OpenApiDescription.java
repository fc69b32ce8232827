package io.certbridge.support.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An OpenAPI 3.1 description, read as JSON, that says which operation a call landed on and whether its answer
 * (status, content type, body) is one the description allows. Bodies are checked by an independent JSON Schema
 * 2020-12 validator (networknt) against the schema the description gives for that status and content type, with its
 * {@code $ref}s resolved inside the description.
 */
public final class OpenApiDescription {

    public static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete", "head", "options");
    private static final String IRI = "https://certbridge.test/openapi.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An operation: its method (upper case) and path template, as in "POST /v1/certificates/{id}/revoke". */
    public record Operation(String method, String path) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final JsonNode document;
    private final JsonSchemaFactory schemas;

    public OpenApiDescription(byte[] json) {
        try {
            this.document = JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = new String(json, StandardCharsets.UTF_8);
        this.schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaLoaders(loaders -> loaders.schemas(Map.of(IRI, text))));
    }

    public JsonNode document() {
        return document;
    }

    public Set<Operation> operations() {
        Set<Operation> operations = new TreeSet<>(Comparator.comparing(Operation::toString));
        document.path("paths").properties().forEach(path -> path.getValue().properties().stream()
                .filter(method -> METHODS.contains(method.getKey()))
                .forEach(method -> operations.add(new Operation(method.getKey().toUpperCase(), path.getKey()))));
        return operations;
    }

    public JsonNode operationNode(Operation operation) {
        return document.path("paths").path(operation.path()).path(operation.method().toLowerCase());
    }

    /** The described operation a call to {@code path} (no query) lands on; a literal segment wins over a variable. */
    public Optional<Operation> operationFor(String method, String path) {
        return operations().stream()
                .filter(operation -> operation.method().equals(method) && matches(operation.path(), path))
                .min(Comparator.comparingLong(operation -> operation.path().chars().filter(c -> c == '{').count()));
    }

    private static boolean matches(String template, String path) {
        String[] expected = template.split("/", -1);
        String[] actual = path.split("/", -1);
        if (expected.length != actual.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            boolean variable = expected[i].startsWith("{") && expected[i].endsWith("}");
            if (variable ? actual[i].isEmpty() : !expected[i].equals(actual[i])) {
                return false;
            }
        }
        return true;
    }

    /** What is wrong with an answer of {@code operation}, by the description; empty when nothing is. */
    public List<String> problems(Operation operation, int status, String contentType, byte[] body) {
        List<String> problems = new ArrayList<>();
        String responsePointer = "/paths/" + escape(operation.path()) + "/" + operation.method().toLowerCase()
                + "/responses/" + status;
        JsonNode response = document.at(responsePointer);
        if (response.isMissingNode()) {
            problems.add("status " + status + " is not documented");
            return problems;
        }
        if (response.has("$ref")) {
            responsePointer = response.get("$ref").asText().substring(1);
            response = document.at(responsePointer);
        }
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (body.length > 0) {
                problems.add("status " + status + " is described without a body, but has " + body.length + " bytes");
            }
            return problems;
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase();
        if (!content.has(mediaType)) {
            problems.add("content type '" + contentType + "' is not one of " + fieldNames(content) + " for " + status);
            return problems;
        }
        if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
            problems.addAll(schemaProblems(responsePointer + "/content/" + escape(mediaType) + "/schema", body));
        } else if (body.length == 0) {
            problems.add("an empty " + mediaType + " body");
        } else if (mediaType.equals("application/pdf") && !new String(body, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-")) {
            problems.add("an application/pdf body that is not a PDF");
        }
        return problems;
    }

    private List<String> schemaProblems(String schemaPointer, byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            return List.of("a body that is not JSON: " + e.getMessage());
        }
        JsonSchema schema = schemas.getSchema(SchemaLocation.of(IRI + "#" + schemaPointer));
        return schema.validate(json).stream().map(ValidationMessage::getMessage).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A JSON Pointer reference token (RFC 6901). */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
