package io.certbridge.emulator.swanshare;

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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends SwanShare's webhooks: a JSON POST {@code {"event": …, "data": …}} with {@code X-SwanShare-Event} and
 * {@code X-SwanShare-Signature: sha256=<hex HMAC-SHA256 of the raw body with the endpoint's secret>}. Each is sent
 * after a delay; an attempt that gets no 2xx is tried again with doubling back-off (capped at 30 s) until the
 * attempts run out; each event may be sent as several identical copies. Thread-safe.
 */
final class WebhookSender implements AutoCloseable {

    private record Endpoint(URI url, String secret) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<WebhookDelivery> deliveries = new ArrayList<>();
    /** One token per copy still to be delivered (its attempts not yet done). */
    private final Set<Object> pending = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService scheduler = newScheduler();
    private volatile Endpoint endpoint;
    private volatile Duration delay = Duration.ofSeconds(2);
    private volatile int copies = 1;
    private volatile int maxAttempts = 8;
    private volatile Duration firstBackoff = Duration.ofSeconds(1);

    void sendTo(String url, String secret) {
        endpoint = url == null ? null : new Endpoint(URI.create(url), secret);
    }

    void delay(Duration delay) {
        this.delay = delay == null || delay.isNegative() ? Duration.ZERO : delay;
    }

    void copies(int copies) {
        this.copies = Math.max(1, copies);
    }

    void retries(int maxAttempts, Duration firstBackoff) {
        this.maxAttempts = Math.max(1, maxAttempts);
        this.firstBackoff = firstBackoff;
    }

    /** Schedules the event for the endpoint registered now; nothing is sent when none is. */
    void send(String event, ObjectNode data) {
        Endpoint target = endpoint;
        if (target == null) {
            return;
        }
        ObjectNode payload = MAPPER.createObjectNode().put("event", event);
        String body = payload.set("data", data).toString();
        String signature = signature(target.secret(), body);
        for (int copy = 0; copy < copies; copy++) {
            Object token = new Object();
            pending.add(token);
            schedule(() -> attempt(token, target, event, body, signature, 1), delay);
        }
    }

    /** Every attempt so far, in the order they ended. */
    synchronized List<WebhookDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** How many copies are still waiting for their delay, a retry or an answer. */
    int pending() {
        return pending.size();
    }

    /** Drops every delivery not yet made and forgets the recorded ones (the endpoint and settings stay). */
    synchronized void clear() {
        scheduler.shutdownNow();
        scheduler = newScheduler();
        pending.clear();
        deliveries.clear();
    }

    @Override
    public synchronized void close() {
        scheduler.shutdownNow();
        pending.clear();
        http.shutdownNow();
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of the body with the secret. */
    static String signature(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void attempt(Object token, Endpoint target, String event, String body, String signature, int attempt) {
        if (!pending.contains(token)) {
            return;
        }
        int status = post(target.url(), event, body, signature);
        synchronized (this) {
            if (!pending.contains(token)) {
                return;
            }
            deliveries.add(new WebhookDelivery(event, body, signature, attempt, status));
            if ((status >= 200 && status < 300) || attempt >= maxAttempts) {
                pending.remove(token);
                return;
            }
        }
        Duration backoff = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        schedule(() -> attempt(token, target, event, body, signature, attempt + 1),
                backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff);
    }

    private int post(URI url, String event, String body, String signature) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("X-SwanShare-Event", event)
                .header("X-SwanShare-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException unreachableOrTimedOut) {
            return -1;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Waits on the scheduler's one thread; each send runs on its own virtual thread. */
    private synchronized void schedule(Runnable task, Duration after) {
        if (!scheduler.isShutdown()) {
            scheduler.schedule(() -> Thread.startVirtualThread(task), after.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static ScheduledExecutorService newScheduler() {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("swanshare-webhooks")
                .factory());
    }
}
