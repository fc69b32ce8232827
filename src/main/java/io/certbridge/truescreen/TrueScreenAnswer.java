package io.certbridge.truescreen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.delivery.Answers;
import io.certbridge.delivery.Result;
import org.apache.camel.Exchange;

/**
 * One answer of TrueScreen's API as the Kamelet hands it back: its status and JSON body. An error is an RFC 9457
 * problem with TrueScreen's {@code code} (TS-008, TS-014…) and {@code detail}.
 */
record TrueScreenAnswer(int status, JsonNode body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static TrueScreenAnswer of(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        return new TrueScreenAnswer(status, json(exchange.getMessage().getBody(String.class)));
    }

    static JsonNode json(String text) {
        try {
            return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (Exception notJson) {
            return JSON.createObjectNode().put("text", text.length() > 300 ? text.substring(0, 300) : text);
        }
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }

    /** TrueScreen's error code (TS-008…), or null. */
    String code() {
        JsonNode code = body.path("code");
        return code.isTextual() ? code.asText() : null;
    }

    /** TrueScreen's words: {@code "<detail> (<code>)"}, or the status and whatever came. */
    String words() {
        return words(status, body);
    }

    static String words(int status, JsonNode problem) {
        JsonNode code = problem.path("code");
        if (code.isTextual()) {
            return problem.path("detail").asText(problem.path("title").asText()) + " (" + code.asText() + ")";
        }
        return "HTTP " + status + ": " + problem;
    }

    Result result() {
        return Answers.ofStatus(status);
    }
}
