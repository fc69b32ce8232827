package io.certbridge.emulator.trueapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts TRUE's webhooks {@code {"event","certificate_id","timestamp","data"}} to the configured endpoints,
 * signed with {@code X-True-Signature: hex(HMAC-SHA256(secret, raw body))}, and retries an answer other than
 * 2xx (or no answer) after {@code retryDelay}, doubling, up to {@code maxAttempts} attempts in all. Every
 * attempt of one delivery carries the same {@code X-True-Delivery} id. Deliveries run concurrently, so
 * their order is not guaranteed. Thread-safe.
 */
final class WebhookSender implements AutoCloseable {

    /** Where webhooks go; an empty event set means every event. A null secret sends no signature. */
    record Endpoint(String url, String secret, Set<String> events) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<Endpoint> endpoints = new CopyOnWriteArrayList<>();
    private final List<WebhookAttempt> attempts = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "true-emulator-webhooks");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    private volatile int maxAttempts = 5;
    private volatile Duration retryDelay = Duration.ofSeconds(1);

    void replaceEndpoints(List<Endpoint> replacement) {
        endpoints.clear();
        endpoints.addAll(replacement);
    }

    void addEndpoint(Endpoint endpoint) {
        endpoints.add(endpoint);
    }

    void retries(int maxAttempts, Duration firstDelay) {
        this.maxAttempts = Math.max(1, maxAttempts);
        this.retryDelay = firstDelay;
    }

    /** Queues the event for every endpoint that takes it. */
    void send(String event, String certificateId, Instant timestamp, ObjectNode data) {
        ObjectNode payload = TrueJson.MAPPER.createObjectNode()
                .put("event", event)
                .put("certificate_id", certificateId)
                .put("timestamp", TrueJson.timestamp(timestamp));
        payload.set("data", data);
        String body;
        try {
            body = TrueJson.MAPPER.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        for (Endpoint endpoint : endpoints) {
            if (endpoint.events().isEmpty() || endpoint.events().contains(event)) {
                String deliveryId = CertificateStore.randomId("whd_");
                scheduler.execute(() -> attempt(endpoint, deliveryId, event, certificateId, body, 1));
            }
        }
    }

    List<WebhookAttempt> attempts() {
        return new ArrayList<>(attempts);
    }

    void clearAttempts() {
        attempts.clear();
    }

    private void attempt(Endpoint endpoint, String deliveryId, String event, String certificateId, String body,
                         int attempt) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.url()))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "TRUE-Webhooks/1.0")
                .header("X-True-Event", event)
                .header("X-True-Delivery", deliveryId)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (endpoint.secret() != null) {
            request.header("X-True-Signature", sign(endpoint.secret(), body));
        }
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            int status = failure == null ? response.statusCode() : -1;
            attempts.add(new WebhookAttempt(deliveryId, endpoint.url(), event, certificateId, attempt, status, body));
            if ((status < 200 || status > 299) && attempt < maxAttempts && !scheduler.isShutdown()) {
                long delay = retryDelay.toMillis() << (attempt - 1);
                scheduler.schedule(() -> attempt(endpoint, deliveryId, event, certificateId, body, attempt + 1),
                        delay, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Lower-case hex of HMAC-SHA256 over the UTF-8 body, keyed with the secret's UTF-8 bytes. */
    static String sign(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        http.shutdownNow();
    }
}
