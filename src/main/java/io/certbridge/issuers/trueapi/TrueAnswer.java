package io.certbridge.issuers.trueapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.delivery.Answers;
import io.certbridge.delivery.Result;
import java.time.Instant;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * One answer of TRUE's API as the Kamelets hand it back: its status, its JSON body, and what it says of the key's
 * rate-limit window ({@code X-RateLimit-Remaining}, {@code X-RateLimit-Reset} in epoch seconds, and on a 429
 * {@code Retry-After}). An error is TRUE's {@code {"error":{"code","message","documentation_url"}}}.
 */
record TrueAnswer(int status, JsonNode body, Integer remaining, Instant resetAt, Instant retryAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static TrueAnswer of(Exchange exchange) {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
        String text = exchange.getMessage().getBody(String.class);
        JsonNode body;
        try {
            body = text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (Exception notJson) {
            body = JSON.createObjectNode().put("text", text.length() > 300 ? text.substring(0, 300) : text);
        }
        Map<String, Object> headers = exchange.getMessage().getHeaders();
        Long remaining = number(headers, "X-RateLimit-Remaining");
        Long reset = number(headers, "X-RateLimit-Reset");
        Long retryAfter = number(headers, "Retry-After");
        Instant now = Instant.now();
        return new TrueAnswer(status, body, remaining == null ? null : remaining.intValue(), reset == null ? null : Instant.ofEpochSecond(reset),
                retryAfter == null ? null : now.plusSeconds(retryAfter));
    }

    boolean ok() {
        return status >= 200 && status < 300;
    }

    /** TRUE's error code ({@code invalid_template}, {@code certificate_revoked}…), or null. */
    String code() {
        JsonNode code = body.path("error").path("code");
        return code.isTextual() ? code.asText() : null;
    }

    /** Whether TRUE itself answered with an error (its error body): then the call created nothing. */
    boolean truesError() {
        return code() != null;
    }

    /** TRUE's words: {@code "<message> (<code>)"}, or the status and whatever came. */
    String words() {
        if (code() != null) {
            return body.path("error").path("message").asText() + " (" + code() + ")";
        }
        return "HTTP " + status + ": " + body;
    }

    /** What the answer comes to for the delivery: a 2xx is done, a 429 throttled, 5xx passes, another 4xx refuses. */
    Result result() {
        return Answers.ofStatus(status);
    }

    /** When the key may call again after a 429: the window's reset, else Retry-After, else in a minute. */
    Instant throttledUntil() {
        Instant until = resetAt != null ? resetAt : retryAt;
        return until != null ? until : Instant.now().plusSeconds(60);
    }

    private static Long number(Map<String, Object> headers, String name) {
        Object value = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        try {
            return value == null ? null : Long.valueOf(value.toString().strip());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
