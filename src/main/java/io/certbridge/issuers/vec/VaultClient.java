package io.certbridge.issuers.vec;

import io.certbridge.delivery.Answers;
import io.certbridge.issuers.IssuerSettings;
import io.certbridge.issuers.RequestShaper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/**
 * Calls VEC.digital's Business API through connectors/vec-vault-issue-sink, for an issuer account: in a delivery
 * round (the connector sets the exchange up with {@link #request}), and outside them (look-ups, views, downloads,
 * retries), where each call first waits for a place of the account's {@link RequestShaper}. Every answer's
 * {@code X-RateLimit-Remaining} is told to the shaper, and a 429 blocks the account until its {@code Retry-After}.
 */
@Component
class VaultClient {

    static final String KAMELET = "vec-vault-issue-sink";
    static final String VAULT = "/business/certificate-vault";
    /** Laravel's throttle window: when VEC.digital says nothing is left and not when it resets, the longest wait. */
    private static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int TRIES_WHEN_THROTTLED = 3;

    /** The call got no answer (no connection, or none in time). */
    static final class Unreachable extends RuntimeException {
        Unreachable(Exception cause) {
            super("VEC.digital did not answer: " + Answers.describe(cause), cause);
        }
    }

    private final ProducerTemplate camel;
    private final RequestShaper shaper;
    private final IssuerSettings settings;
    private final Clock clock;

    VaultClient(ProducerTemplate camel, RequestShaper shaper, IssuerSettings settings, Clock clock) {
        this.camel = camel;
        this.shaper = shaper;
        this.settings = settings;
        this.clock = clock;
    }

    /** What the Kamelet reads: the method, the account's URL for {@code pathAndQuery}, its token, and the body. */
    static void request(Exchange exchange, IssuerSettings.Account account, String method, String pathAndQuery,
                        Object body) {
        exchange.setProperty("vecMethod", method);
        exchange.setProperty("vecUrl", account.base() + pathAndQuery);
        exchange.setProperty("vecToken", account.apiKey());
        exchange.getMessage().setBody(body);
    }

    /** A call outside the rounds: waits for a place first, and after a 429 until the window resets (3 tries). */
    VaultAnswer call(String issuer, String method, String pathAndQuery, Object body) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            shaper.acquire(issuer);
            try {
                return send(issuer, method, pathAndQuery, body);
            } catch (VaultFailure failure) {
                if (failure.status() != 429 || attempt == TRIES_WHEN_THROTTLED) {
                    throw failure;
                }
            }
        }
    }

    /** A call whose place the caller took already; throws {@link VaultFailure} or {@link Unreachable}. */
    VaultAnswer send(String issuer, String method, String pathAndQuery, Object body) {
        IssuerSettings.Account account = settings.account(issuer).orElseThrow();
        Exchange done = camel.send("kamelet:" + KAMELET, exchange -> request(exchange, account, method, pathAndQuery,
                body));
        Exception failure = done.getException();
        if (failure instanceof HttpOperationFailedException http) {
            throw new VaultFailure(observe(issuer, answer(http)));
        }
        if (failure != null) {
            throw new Unreachable(failure);
        }
        return observe(issuer, answer(done));
    }

    /** The answer of a call the Kamelet made. */
    static VaultAnswer answer(Exchange exchange) {
        Map<String, String> headers = new HashMap<>();
        exchange.getMessage().getHeaders().forEach((name, value) -> {
            if (value != null) {
                headers.put(name.toLowerCase(Locale.ROOT), value.toString());
            }
        });
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return new VaultAnswer(status == null ? 200 : status, exchange.getMessage().getBody(byte[].class), headers);
    }

    static VaultAnswer answer(HttpOperationFailedException failure) {
        Map<String, String> headers = new HashMap<>();
        if (failure.getResponseHeaders() != null) {
            failure.getResponseHeaders().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        }
        String body = failure.getResponseBody();
        return new VaultAnswer(failure.getStatusCode(), body == null ? new byte[0]
                : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Tells the shaper what the answer says of the token's window; returns the answer. */
    VaultAnswer observe(String issuer, VaultAnswer answer) {
        Instant now = clock.instant();
        Instant resetAt = now.plus(retryAfter(answer).orElse(WINDOW));
        if (answer.status() == 429) {
            shaper.throttled(issuer, resetAt);
        } else if ("0".equals(answer.header("X-RateLimit-Remaining"))) {
            shaper.observed(issuer, 0, resetAt);
        }
        return answer;
    }

    private static Optional<Duration> retryAfter(VaultAnswer answer) {
        String seconds = answer.header("Retry-After");
        if (seconds == null || !seconds.strip().matches("\\d{1,6}")) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofSeconds(Long.parseLong(seconds.strip())));
    }
}
