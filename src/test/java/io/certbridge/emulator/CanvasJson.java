package io.certbridge.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Canvas's JSON conventions: ids, timestamps, error bodies and Rails-style parameter reading. */
final class CanvasJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CanvasJson() {
    }

    /** Canvas renders numeric ids as JSON numbers; others (e.g. an unresolved sis_user_id:...) stay text. */
    static JsonNode id(String value) {
        return value.matches("\\d{1,18}") ? NODES.numberNode(Long.parseLong(value)) : NODES.textNode(value);
    }

    /** UTC, whole seconds, e.g. {@code 2024-11-05T13:41:10Z}. */
    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** {@code {"errors":[{"message":...}]}}, the API's generic error body. */
    static ObjectNode errors(String message) {
        ObjectNode body = NODES.objectNode();
        body.putArray("errors").addObject().put("message", message);
        return body;
    }

    /** {@code {"message":...}}, the custom-data controller's error body. */
    static ObjectNode message(String message) {
        return NODES.objectNode().put("message", message);
    }

    /** {@code [{"attribute":...,"message":...}]}, ConversationsController#render_error. */
    static ArrayNode attributeError(String attribute, String message) {
        ArrayNode body = NODES.arrayNode();
        body.addObject().put("attribute", attribute).put("message", message);
        return body;
    }

    /** Rails' {@code Array(params[:x]).include?(text)}. */
    static boolean mentions(JsonNode node, String text) {
        if (!node.isContainerNode()) {
            return text.equals(node.asText());
        }
        for (JsonNode n : node) {
            if (text.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }

    /** An array parameter, or a comma-separated string, as a list of non-blank strings. */
    static List<String> list(JsonNode node) {
        List<String> items = new ArrayList<>();
        if (node == null || node.isNull()) {
            return items;
        }
        if (node.isContainerNode()) {
            node.forEach(n -> items.add(n.asText()));
        } else {
            items.addAll(Arrays.asList(node.asText().split(",")));
        }
        items.replaceAll(String::trim);
        items.removeIf(String::isEmpty);
        return items;
    }

    /** Canvas's {@code value_to_boolean}. */
    static boolean truthy(JsonNode node) {
        return node != null && !node.isNull()
                && List.of("true", "1", "yes", "on", "y").contains(node.asText().toLowerCase(Locale.ROOT));
    }
}
