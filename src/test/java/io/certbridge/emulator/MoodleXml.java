package io.certbridge.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Moodle's default REST format, after {@code webservice_rest_server::xmlize_result} and
 * {@code generate_error}: {@code <RESPONSE>} holding {@code MULTIPLE}/{@code SINGLE}/{@code KEY}/
 * {@code VALUE} elements, or {@code <EXCEPTION class="...">} with {@code ERRORCODE} and {@code MESSAGE}.
 * A function without a return description (JSON {@code null}) gives an empty {@code <RESPONSE>}.
 */
final class MoodleXml {

    private static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n";

    private MoodleXml() {
    }

    static String response(JsonNode result) {
        return PROLOG + "<RESPONSE>\n" + (result.isNull() ? "" : xmlize(result)) + "</RESPONSE>\n";
    }

    static String error(String exceptionClass, String errorcode, String message) {
        return PROLOG
                + "<EXCEPTION class=\"" + exceptionClass + "\">\n"
                + "<ERRORCODE>" + escape(errorcode) + "</ERRORCODE>\n"
                + "<MESSAGE>" + escape(message) + "</MESSAGE>\n"
                + "</EXCEPTION>\n";
    }

    private static String xmlize(JsonNode node) {
        if (node == null || node.isNull()) {
            return "<VALUE null=\"null\"/>\n";
        }
        StringBuilder xml = new StringBuilder();
        if (node.isArray()) {
            xml.append("<MULTIPLE>\n");
            node.forEach(item -> xml.append(xmlize(item)));
            xml.append("</MULTIPLE>\n");
        } else if (node.isObject()) {
            xml.append("<SINGLE>\n");
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                xml.append("<KEY name=\"").append(field.getKey()).append("\">")
                        .append(xmlize(field.getValue())).append("</KEY>\n");
            }
            xml.append("</SINGLE>\n");
        } else {
            String text = node.isBoolean() ? (node.booleanValue() ? "1" : "0") : node.asText();
            xml.append("<VALUE>").append(escape(text)).append("</VALUE>\n");
        }
        return xml.toString();
    }

    /** PHP's htmlspecialchars with ENT_COMPAT. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
