package io.certbridge.issuers.trueapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.issuers.IssuerSettings;
import io.certbridge.issuers.RequestShaper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.FluentProducerTemplate;
import org.springframework.stereotype.Component;

/**
 * The calls to TRUE made outside the delivery rounds (looking certificates up, following batches), through the same
 * Kamelet as issuing, each waiting for its place under the account's limit; and what every answer, in a round or
 * not, says of the key's window, which the account's {@link RequestShaper} obeys.
 */
@Component
class TrueApi {

    static final int PAGE = 100;

    private final FluentProducerTemplate camel;
    private final RequestShaper shaper;

    TrueApi(FluentProducerTemplate camel, RequestShaper shaper) {
        this.camel = camel;
        this.shaper = shaper;
    }

    /** The exchange properties of a call, as the Kamelets read them. */
    static void call(Exchange exchange, IssuerSettings.Account account, String method, String path, String body) {
        exchange.setProperty("trueBaseUrl", account.base());
        exchange.setProperty("trueApiKey", account.apiKey());
        exchange.setProperty("trueMethod", method);
        exchange.setProperty("truePath", path);
        exchange.getMessage().setBody(body);
    }

    /** Obeys what TRUE said of the window: nothing more once it is used up, nothing after a 429 until it resets. */
    void observe(String issuer, TrueAnswer answer) {
        if (answer.status() == 429) {
            shaper.throttled(issuer, answer.throttledUntil());
        } else if (answer.remaining() != null) {
            shaper.observed(issuer, answer.remaining(), answer.resetAt());
        }
    }

    /** A GET, once the account has a place for it; a 429 waits for the window's reset and asks again. */
    TrueAnswer get(String issuer, IssuerSettings.Account account, String path) throws InterruptedException {
        while (true) {
            shaper.acquire(issuer);
            Exchange answered = camel.to("kamelet:true-issue-sink")
                    .withProcessor(exchange -> call(exchange, account, "GET", path, null)).send();
            if (answered.getException() != null) {
                throw new TrueUnreachable(answered.getException());
            }
            TrueAnswer answer = TrueAnswer.of(answered);
            observe(issuer, answer);
            if (answer.status() != 429) {
                return answer;
            }
        }
    }

    /** Every certificate a list query matches, following the pages. */
    List<JsonNode> list(String issuer, IssuerSettings.Account account, String query) throws InterruptedException {
        List<JsonNode> found = new ArrayList<>();
        String cursor = null;
        do {
            TrueAnswer page = get(issuer, account, "/v1/certificates?" + query + "&limit=" + PAGE
                    + (cursor == null ? "" : "&cursor=" + encode(cursor)));
            if (!page.ok()) {
                throw new TrueUnreachable(new IllegalStateException("TRUE answered a list with " + page.words()));
            }
            page.body().path("data").forEach(found::add);
            cursor = page.body().path("has_more").asBoolean() ? page.body().path("next_cursor").asText(null) : null;
        } while (cursor != null);
        return found;
    }

    /** The query of certificates whose template field {@code name} is {@code value}. */
    static String field(String name, String value) {
        return encode("fields[" + name + "]") + "=" + encode(value);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** TRUE could not be asked now (no answer, or an error answer to a look-up): try again later. */
    static final class TrueUnreachable extends RuntimeException {
        TrueUnreachable(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
