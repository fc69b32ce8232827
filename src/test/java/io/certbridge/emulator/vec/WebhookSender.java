package io.certbridge.emulator.vec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Delivers the institution's webhooks to one endpoint: a JSON POST signed with HMAC-SHA256 (hex) of the raw body,
 * headers {@code X-Webhook-Signature}, {@code X-Webhook-Event}, {@code X-Webhook-ID} (the endpoint's id, also
 * {@code webhook_id} in the payload) and {@code X-Webhook-Timestamp} (when this attempt was sent). A non-2xx answer,
 * no answer within 10 s, or a refused connection is retried up to 3 times, {@code backoff} apart (30 s by
 * default), with the same body and signature.
 */
final class WebhookSender implements AutoCloseable {

    static final int RETRIES = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Endpoint(URI url, SecretKeySpec key, String webhookId) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService attempts = Executors.newScheduledThreadPool(8, runnable -> {
        Thread thread = new Thread(runnable, "vec-webhooks");
        thread.setDaemon(true);
        return thread;
    });
    private final List<WebhookDelivery> deliveries = new ArrayList<>();
    /** Counts resets: what a reset left to be sent or retried is dropped, so that it reaches no later test. */
    private volatile int generation;
    private volatile Endpoint endpoint;
    private volatile Duration backoff = Duration.ofSeconds(30);

    void sendTo(String url, String secret) {
        endpoint = url == null ? null : new Endpoint(URI.create(url),
                new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), UUID.randomUUID().toString());
    }

    void backoff(Duration between) {
        backoff = between;
    }

    /** Sends the event about this certificate, if an endpoint is set. */
    void publish(String event, VaultCertificate certificate) {
        Endpoint to = endpoint;
        if (to == null) {
            return;
        }
        ObjectNode payload = VaultJson.JSON.objectNode()
                .put("event", event)
                .put("webhook_id", to.webhookId())
                .put("timestamp", now())
                .put("application_id", certificate.id())
                .put("uuid", certificate.uuid())
                .put("certificate_title", certificate.certificateTitle())
                .put("applicant_email", certificate.applicantEmail())
                .put("source", "vault")
                .put("trigger_context", certificate.triggerContext());
        try {
            byte[] body = JSON.writeValueAsBytes(payload);
            String signature = sign(to.key(), body);
            int sentIn = generation;
            attempts.execute(() -> attempt(sentIn, to, event, certificate.uuid(), body, signature, 1));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized List<WebhookDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    synchronized void clear() {
        generation++;
        deliveries.clear();
    }

    @Override
    public void close() {
        attempts.shutdownNow();
    }

    private void attempt(int sentIn, Endpoint to, String event, String uuid, byte[] body, String signature,
                         int attempt) {
        if (sentIn != generation) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(to.url())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-Webhook-Signature", signature)
                .header("X-Webhook-Event", event)
                .header("X-Webhook-ID", to.webhookId())
                .header("X-Webhook-Timestamp", now())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        int status;
        try {
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException noAnswer) {
            status = -1;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            if (sentIn != generation) {
                return;
            }
            deliveries.add(new WebhookDelivery(event, uuid, attempt, status, new String(body, StandardCharsets.UTF_8)));
        }
        if ((status < 200 || status > 299) && attempt <= RETRIES && !attempts.isShutdown()) {
            attempts.schedule(() -> attempt(sentIn, to, event, uuid, body, signature, attempt + 1),
                    backoff.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static String now() {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    private static String sign(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
