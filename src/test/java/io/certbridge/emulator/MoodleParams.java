package io.certbridge.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Moodle web-service errors, and parameter checks after {@code external_api::validate_parameters}:
 * a missing required value, a value of the wrong shape or type, or an unexpected key all give
 * {@code invalid_parameter_exception}.
 */
final class MoodleParams {

    /** A Moodle exception as the web-service layer reports it. */
    static final class MoodleException extends RuntimeException {
        final String exception;
        final String errorcode;

        MoodleException(String exception, String errorcode, String message) {
            super(message);
            this.exception = exception;
            this.errorcode = errorcode;
        }
    }

    private MoodleParams() {
    }

    static MoodleException invalidParameter() {
        return new MoodleException("invalid_parameter_exception", "invalidparameter", "Invalid parameter value detected");
    }

    static MoodleException missingRecord(String table) {
        return new MoodleException("dml_missing_record_exception", "invalidrecord",
                "Can't find data record in database table " + table + ".");
    }

    static void expectOnly(JsonNode node, Set<String> allowed) {
        if (!allowed.containsAll(fieldNames(node))) {
            throw invalidParameter();
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** An external_multiple_structure: PHP arrays arrive as objects keyed "0", "1", ... (or as arrays). */
    static List<JsonNode> multiple(JsonNode node) {
        if (node == null || !node.isContainerNode()) {
            throw invalidParameter();
        }
        List<JsonNode> items = new ArrayList<>();
        node.forEach(items::add);
        return items;
    }

    /** An external_single_structure with only the allowed keys. */
    static ObjectNode single(JsonNode node, Set<String> allowed) {
        if (!(node instanceof ObjectNode object)) {
            throw invalidParameter();
        }
        expectOnly(object, allowed);
        return object;
    }

    /** A scalar external_value; when {@code required} it must be present, else {@code null} may come back. */
    static String scalar(JsonNode node, boolean required) {
        if (node == null) {
            if (required) {
                throw invalidParameter();
            }
            return null;
        }
        if (node.isContainerNode()) {
            throw invalidParameter();
        }
        return node.asText();
    }

    /** PARAM_INT: {@code (string)(int)$value === (string)$value}, so "41" passes and "041", "4a", " 4" fail. */
    static long integer(JsonNode node) {
        String value = scalar(node, true);
        if (!value.matches("-?(0|[1-9]\\d{0,17})")) {
            throw invalidParameter();
        }
        return Long.parseLong(value);
    }

    /** PARAM_ALPHANUMEXT: letters, digits, "_" and "-" only. */
    static String alphanumext(JsonNode node) {
        String value = scalar(node, true);
        if (!value.matches("[a-zA-Z0-9_-]*")) {
            throw invalidParameter();
        }
        return value;
    }
}
