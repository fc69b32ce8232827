package io.certbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTest;
import io.certbridge.support.HubTestBase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * The public limit as configured by default, in the shared hub. The flood comes from 127.0.0.2 (to the hub
 * on 127.0.0.1), so that the address every other test uses keeps its own window.
 */
class PublicRateLimitTest extends HubTestBase {

    private static final String FLOODER = "127.0.0.2";
    private static final int CLIENTS = 16;

    @Value("${certbridge.api.public-rate-limit-per-minute}")
    int limit;

    @Value("${certbridge.api.rate-limit-per-minute}")
    int keyLimit;

    @Test
    void coversThePathsThatNeedNoKey() {
        for (String path : List.of("/v1/verify", "/v1/verify/cert_1", "/verify/cert_1", "/verify/cert_1/linkedin",
                "/verify/cert_1/certificate.pdf", "/credentials/cert_1", "/status/revocation/0",
                "/.well-known/did.json", "/did.json", "/sandbox/did.json", "/v1/openapi.json", "/v1/docs",
                "/oid4vci/token", "/oid4vci/offers/offer_1")) {
            assertThat(PublicRateLimit.covers(path)).as(path).isTrue();
        }
        for (String path : List.of("/v1/templates", "/v1/certificates/cert_1", "/v1/verifyx", "/verifyx", "/v1/docsx",
                "/statusx/1", "/actuator/health", "/error", "/")) {
            assertThat(PublicRateLimit.covers(path)).as(path).isFalse();
        }
    }

    @Test
    void anAddressOverTheLimitIsToldWhenToComeBackAndKeyedRequestsAreNotCounted() throws Exception {
        Assumptions.assumeTrue(canBind(FLOODER), "needs " + FLOODER + " on the loopback interface (Linux has it)");
        HttpClient flooder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .localAddress(InetAddress.getByName(FLOODER)).connectTimeout(Duration.ofSeconds(5)).build();

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> keyed = send(flooder, "GET", "/v1/templates", HubTest.BOOTSTRAP_KEY, null);
            assertThat(keyed.statusCode()).isEqualTo(200);
            assertThat(header(keyed, "RateLimit-Limit")).isEqualTo(String.valueOf(keyLimit));
        }
        HttpResponse<String> first = send(flooder, "GET", "/.well-known/did.json", null, null);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(header(first, "RateLimit-Limit")).isEqualTo(String.valueOf(limit));
        assertThat(header(first, "RateLimit-Remaining")).as("keyed requests are not counted")
                .isEqualTo(String.valueOf(limit - 1));

        // the checks after the flood need the same window: flood again if it ended within a second
        HttpResponse<String> limited;
        do {
            limited = floodUntilLimited(flooder);
        } while (Integer.parseInt(header(limited, "Retry-After")) < 2);

        assertThat(header(limited, "Content-Type")).startsWith("application/problem+json");
        JsonNode problem = ApiClient.json().readTree(limited.body());
        assertThat(problem.get("code").asText()).isEqualTo("rate_limited");
        assertThat(header(limited, "RateLimit-Limit")).isEqualTo(String.valueOf(limit));
        assertThat(header(limited, "RateLimit-Remaining")).isEqualTo("0");
        int retryAfter = Integer.parseInt(header(limited, "Retry-After"));
        assertThat(retryAfter).isBetween(2, 60);
        assertThat(Integer.parseInt(header(limited, "RateLimit-Reset"))).isEqualTo(retryAfter);

        assertThat(send(flooder, "POST", "/v1/verify", null, "{}").statusCode()).isEqualTo(429);
        assertThat(send(flooder, "GET", "/verify/cert_unknown", null, null).statusCode()).isEqualTo(429);
        HttpResponse<String> keyed = send(flooder, "GET", "/v1/templates", HubTest.BOOTSTRAP_KEY, null);
        assertThat(keyed.statusCode()).as("keyed requests have the key's limit only").isEqualTo(200);
        assertThat(header(keyed, "RateLimit-Limit")).isEqualTo(String.valueOf(keyLimit));
        assertThat(anonymous().get("/.well-known/did.json").status()).as("another address").isEqualTo(200);
    }

    /**
     * Public requests from {@code CLIENTS} clients at once until one is refused, which it must be within
     * two windows; every request before must pass, at least as many as the limit allows.
     */
    private HttpResponse<String> floodUntilLimited(HttpClient flooder) throws Exception {
        AtomicReference<HttpResponse<String>> limited = new AtomicReference<>();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger passed = new AtomicInteger();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(clients.submit(() -> {
                    while (limited.get() == null && sent.incrementAndGet() <= 2 * limit + CLIENTS) {
                        HttpResponse<String> response = send(flooder, "GET", "/.well-known/did.json", null, null);
                        if (response.statusCode() == 429) {
                            limited.compareAndSet(null, response);
                        } else {
                            assertThat(response.statusCode()).isEqualTo(200);
                            passed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertThat(limited.get()).as("a request over the limit").isNotNull();
        assertThat(passed.get()).isGreaterThanOrEqualTo(limit - 1);
        return limited.get();
    }

    private HttpResponse<String> send(HttpClient client, String method, String path, String key, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static boolean canBind(String address) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(address, 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
