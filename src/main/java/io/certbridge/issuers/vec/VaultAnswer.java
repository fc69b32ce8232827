package io.certbridge.issuers.vec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** What VEC.digital answered a call: its status, body and headers (keyed in lower case). */
record VaultAnswer(int status, byte[] body, Map<String, String> headers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    JsonNode json() {
        try {
            return body == null || body.length == 0 ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** VEC.digital's words: the answer's message, with the permission a 403 names, or the body itself. */
    String words() {
        JsonNode json = json();
        String message = json.path("message").asText(null);
        if (message == null) {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
            return "HTTP " + status + (text.isEmpty() ? "" : ": " + text);
        }
        String permission = json.path("required_permission").asText(null);
        return "HTTP " + status + ": " + message + (permission == null ? "" : " (required_permission "
                + permission + ")");
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }
}
