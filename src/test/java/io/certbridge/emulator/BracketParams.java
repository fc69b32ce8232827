package io.certbridge.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Nests flat (name, value) pairs by the bracket notation that PHP and Rack/Rails share:
 * {@code users[0][customfields][0][type]=x} becomes {@code {"users":{"0":{"customfields":{"0":{"type":"x"}}}}}}
 * and {@code recipients[]=1&recipients[]=2} becomes {@code {"recipients":["1","2"]}}. Numeric indexes
 * stay object keys, as PHP arrays keep their keys. A repeated plain name keeps its last value.
 */
public final class BracketParams {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private BracketParams() {
    }

    public static ObjectNode nest(List<Map.Entry<String, String>> pairs) {
        ObjectNode root = NODES.objectNode();
        for (Map.Entry<String, String> pair : pairs) {
            put(root, keys(pair.getKey()), pair.getValue());
        }
        return root;
    }

    /** {@code a[b][]} gives {@code [a, b, ""]}; a name that is not well-formed stays one key. */
    static List<String> keys(String name) {
        int open = name.indexOf('[');
        if (open <= 0 || !name.endsWith("]")) {
            return List.of(name);
        }
        List<String> keys = new ArrayList<>();
        keys.add(name.substring(0, open));
        int i = open;
        while (i < name.length()) {
            int close = name.indexOf(']', i);
            if (name.charAt(i) != '[' || close < 0) {
                return List.of(name);
            }
            keys.add(name.substring(i + 1, close));
            i = close + 1;
        }
        return keys;
    }

    private static void put(ObjectNode root, List<String> keys, String value) {
        JsonNode container = root;
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            if (i == keys.size() - 1) {
                set(container, key, NODES.textNode(value));
                return;
            }
            boolean wantArray = keys.get(i + 1).isEmpty();
            JsonNode child = container.isObject() ? container.get(key) : null;
            if (child == null || (wantArray ? !child.isArray() : !child.isObject())) {
                child = wantArray ? NODES.arrayNode() : NODES.objectNode();
                set(container, key, child);
            }
            container = child;
        }
    }

    private static void set(JsonNode container, String key, JsonNode value) {
        if (container instanceof ObjectNode object) {
            object.set(key, value);
        } else if (container instanceof ArrayNode array) {
            array.add(value);
        }
    }
}
