package io.certbridge.issuers.swanshare;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.issuers.IssuerSettings;
import io.certbridge.issuers.RequestShaper;
import io.certbridge.shared.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * {@code GET /v1/credentials/{verify_id}}: SwanShare verifies one credential again and returns it with the
 * {@code fields} it was issued with. Each look counts against the account's requests a minute, so it takes its
 * place from the {@link RequestShaper} like the calls that issue.
 */
@Component
class SwanShareCredentials {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** SwanShare did not answer as it should; nothing is known of the credential. */
    static final class LookupFailed extends RuntimeException {
        LookupFailed(String message) {
            super(message, null, false, false);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final RequestShaper shaper;
    private final Json json;
    private final Clock clock;

    SwanShareCredentials(RequestShaper shaper, Json json, Clock clock) {
        this.shaper = shaper;
        this.json = json;
        this.clock = clock;
    }

    /** The credential and its verification, waiting for a place as long as it takes; empty when SwanShare has none. */
    Optional<JsonNode> fetch(String issuer, IssuerSettings.Account account, String verifyId)
            throws InterruptedException {
        shaper.acquire(issuer);
        return get(issuer, account, verifyId);
    }

    /** As {@link #fetch}, waiting at most {@code maxWait} for a place (a visitor is waiting). */
    Optional<JsonNode> fetchSoon(String issuer, IssuerSettings.Account account, String verifyId, Duration maxWait)
            throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (!shaper.tryAcquire(issuer)) {
            if (System.nanoTime() > deadline) {
                throw new LookupFailed("no request to SwanShare is free within " + maxWait);
            }
            Thread.sleep(50);
        }
        return get(issuer, account, verifyId);
    }

    private Optional<JsonNode> get(String issuer, IssuerSettings.Account account, String verifyId)
            throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(account.base() + "/v1/credentials/"
                        + URLEncoder.encode(verifyId, StandardCharsets.UTF_8)))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + account.apiKey())
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new LookupFailed("SwanShare did not answer GET /v1/credentials/" + verifyId + ": " + e);
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() == 429) {
            shaper.throttled(issuer, clock.instant().plusSeconds(30));
        }
        if (response.statusCode() != 200) {
            throw new LookupFailed("SwanShare answered " + response.statusCode() + " to GET /v1/credentials/"
                    + verifyId);
        }
        return Optional.of(json.read(response.body(), JsonNode.class));
    }
}
