package io.certbridge.emulator.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.emulator.EmulatorServer.Response;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** JSON helpers shared by the Salesforce emulator: the object mapper and Salesforce's error bodies. */
final class SalesforceJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    /** The Content-Type Salesforce answers JSON with. */
    static final String CONTENT_TYPE = "application/json;charset=UTF-8";

    private SalesforceJson() {
    }

    /** A REST error body: {@code [{"message":…,"errorCode":…}]}. */
    static ArrayNode errors(String errorCode, String message) {
        ArrayNode errors = MAPPER.createArrayNode();
        errors.addObject().put("message", message).put("errorCode", errorCode);
        return errors;
    }

    /** A REST error body that names fields: {@code [{"message":…,"errorCode":…,"fields":[…]}]}. */
    static ArrayNode errors(String errorCode, String message, List<String> fields) {
        ArrayNode errors = errors(errorCode, message);
        ArrayNode named = ((ObjectNode) errors.get(0)).putArray("fields");
        fields.forEach(named::add);
        return errors;
    }

    /** An OAuth error body: {@code {"error":…,"error_description":…}}. */
    static ObjectNode oauthError(String error, String description) {
        return MAPPER.createObjectNode().put("error", error).put("error_description", description);
    }

    /** A JSON answer with Salesforce's Content-Type; a {@code null} body gives an empty body. */
    static Response response(int status, JsonNode body, Map<String, String> headers) {
        try {
            byte[] bytes = body == null ? new byte[0] : MAPPER.writeValueAsBytes(body);
            return new Response(status, body == null ? null : CONTENT_TYPE, bytes, headers);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON answer given as text (for canned faults); {@code null} or empty text gives an empty body. */
    static Response response(int status, String jsonText) {
        boolean empty = jsonText == null || jsonText.isEmpty();
        return new Response(status, empty ? null : CONTENT_TYPE,
                empty ? new byte[0] : jsonText.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
