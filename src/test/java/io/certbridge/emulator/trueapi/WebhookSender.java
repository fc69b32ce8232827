package io.certbridge.emulator.trueapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts TRUE's webhooks {@code {"event","certificate_id","timestamp","data"}} to the endpoint, signed with
 * {@code X-True-Signature: hex(HMAC-SHA256(secret, raw body))} (none without a secret), and retries an answer
 * other than 2xx, or none, after {@code retryDelay}, doubling, up to {@code maxAttempts} attempts in all.
 * Every attempt of one delivery carries the same {@code X-True-Delivery}. Deliveries overlap, so their order is
 * not guaranteed. Thread-safe.
 */
final class WebhookSender implements AutoCloseable {

    private record Endpoint(String url, String secret) {
    }

    private record Delivery(String id, String event, String certificateId, String body) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<WebhookAttempt> attempts = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("true-emulator-webhooks").factory());
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    private volatile Endpoint endpoint;
    private volatile int maxAttempts = 5;
    private volatile Duration retryDelay = Duration.ofSeconds(1);

    void endpoint(String url, String secret) {
        endpoint = url == null ? null : new Endpoint(url, secret);
    }

    void retries(int maxAttempts, Duration firstDelay) {
        this.maxAttempts = Math.max(1, maxAttempts);
        this.retryDelay = firstDelay;
    }

    /** Queues the event for the endpoint, if there is one. */
    void send(String event, String certificateId, Instant timestamp, ObjectNode data) {
        Endpoint target = endpoint;
        if (target == null) {
            return;
        }
        ObjectNode payload = TrueJson.MAPPER.createObjectNode().put("event", event)
                .put("certificate_id", certificateId).put("timestamp", TrueJson.timestamp(timestamp));
        payload.set("data", data);
        Delivery delivery = new Delivery(CertificateStore.randomId("whd_"), event, certificateId, payload.toString());
        scheduler.execute(() -> attempt(target, delivery, 1));
    }

    List<WebhookAttempt> attempts() {
        return List.copyOf(attempts);
    }

    void clearAttempts() {
        attempts.clear();
    }

    private void attempt(Endpoint target, Delivery delivery, int attempt) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.url())).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("X-True-Event", delivery.event())
                .header("X-True-Delivery", delivery.id())
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body(), StandardCharsets.UTF_8));
        if (target.secret() != null) {
            request.header("X-True-Signature", sign(target.secret(), delivery.body()));
        }
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            int status = failure == null ? response.statusCode() : -1;
            attempts.add(new WebhookAttempt(delivery.id(), target.url(), delivery.event(), delivery.certificateId(),
                    attempt, status, delivery.body()));
            if ((status < 200 || status > 299) && attempt < maxAttempts && !scheduler.isShutdown()) {
                scheduler.schedule(() -> attempt(target, delivery, attempt + 1),
                        retryDelay.toMillis() << (attempt - 1), TimeUnit.MILLISECONDS);
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
