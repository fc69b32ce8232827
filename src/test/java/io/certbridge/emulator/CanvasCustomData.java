package io.certbridge.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Canvas user custom data, one JSON tree per (user, namespace), with the scope rules of Canvas's
 * {@code CustomData} model ({@code app/models/custom_data.rb}): the tree sits under a hidden root key
 * {@code d}; a write replaces the value at its scope (it does not merge), creating empty objects
 * along the way; passing through a non-object value is a write conflict.
 */
final class CanvasCustomData {

    /** Canvas's {@code CustomData::WriteConflict}: the body of its 409 answer. */
    static final class WriteConflict extends RuntimeException {
        final ObjectNode body;

        WriteConflict(ObjectNode body) {
            super(body.path("message").asText());
            this.body = body;
        }
    }

    /** No record for the (user, namespace): Canvas answers "no data for scope". */
    static final class NoRecord extends RuntimeException {
    }

    /** The scope passes through a non-object: Canvas answers "invalid scope for hash". */
    static final class InvalidScope extends RuntimeException {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, ObjectNode> records = new HashMap<>();

    /**
     * Stores {@code data} at {@code scope} and tells whether a value was there before (Canvas then
     * answers 200, else 201).
     */
    boolean set(String user, String namespace, List<String> scope, JsonNode data) {
        List<String> keys = keys(scope);
        String last = keys.remove(keys.size() - 1);
        ObjectNode hash = records.computeIfAbsent(key(user, namespace), k -> NODES.objectNode());
        for (int i = 0; i < keys.size(); i++) {
            JsonNode next = hash.get(keys.get(i));
            if (next == null || next.isNull()) {
                next = NODES.objectNode();
                hash.set(keys.get(i), next);
            } else if (!next.isObject()) {
                throw conflict(String.join("/", keys.subList(1, i + 1)), next);
            }
            hash = (ObjectNode) next;
        }
        JsonNode before = hash.get(last);
        hash.set(last, data.deepCopy());
        return before != null && !before.isNull();
    }

    /** The value at {@code scope} (JSON null when the scope holds nothing). */
    JsonNode get(String user, String namespace, List<String> scope) {
        ObjectNode holder = records.get(key(user, namespace));
        if (holder == null) {
            throw new NoRecord();
        }
        JsonNode node = holder;
        for (String key : keys(scope)) {
            if (!node.isObject()) {
                throw new InvalidScope();
            }
            node = node.path(key);
        }
        return node.isMissingNode() ? NODES.nullNode() : node.deepCopy();
    }

    /** All data stored for the (user, namespace), or {@code null}. */
    JsonNode data(String user, String namespace) {
        ObjectNode holder = records.get(key(user, namespace));
        return holder == null || holder.get("d") == null ? null : holder.get("d").deepCopy();
    }

    void clear() {
        records.clear();
    }

    private static List<String> keys(List<String> scope) {
        List<String> keys = new ArrayList<>();
        keys.add("d");
        keys.addAll(scope);
        return keys;
    }

    private static String key(String user, String namespace) {
        return user + "\u0000" + namespace;
    }

    private static WriteConflict conflict(String scope, JsonNode value) {
        ObjectNode body = NODES.objectNode();
        body.put("message", "write conflict for custom_data hash");
        body.put("conflict_scope", scope);
        body.put("type_at_conflict", rubyClass(value));
        body.set("value_at_conflict", value.deepCopy());
        return new WriteConflict(body);
    }

    /** The Ruby class name Canvas reports for a stored JSON value. */
    private static String rubyClass(JsonNode value) {
        if (value.isTextual()) {
            return "String";
        } else if (value.isIntegralNumber()) {
            return "Integer";
        } else if (value.isNumber()) {
            return "Float";
        } else if (value.isBoolean()) {
            return value.booleanValue() ? "TrueClass" : "FalseClass";
        } else if (value.isArray()) {
            return "Array";
        }
        return "Hash";
    }
}
