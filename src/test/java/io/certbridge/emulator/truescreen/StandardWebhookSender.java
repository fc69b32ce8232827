package io.certbridge.emulator.truescreen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts callbacks signed as Standard Webhooks (standardwebhooks.com) prescribes: headers {@code webhook-id} (one id
 * per callback, kept on retries), {@code webhook-timestamp} (Unix seconds of the attempt) and
 * {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}, keyed with the base64 part of a
 * {@code whsec_} secret. A callback not answered 2xx (or not within 10 s) is tried again after a back-off that
 * doubles (capped at 10 min) until the attempts run out. Thread-safe.
 */
final class StandardWebhookSender implements AutoCloseable {

    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<WebhookDelivery> deliveries = new ArrayList<>();
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService scheduler = newScheduler();
    private volatile int maxAttempts = 8;
    private volatile Duration firstBackoff = Duration.ofSeconds(5);

    void retries(int maxAttempts, Duration firstBackoff) {
        this.maxAttempts = Math.max(1, maxAttempts);
        this.firstBackoff = firstBackoff;
    }

    /** Posts the body to the url (now, on another thread), signed with the secret; returns its webhook-id. */
    String send(URI url, String secret, String body) {
        byte[] key = key(secret);
        String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
        pending.add(id);
        schedule(() -> attempt(url, key, id, body, 1), Duration.ZERO);
        return id;
    }

    synchronized List<WebhookDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    int pending() {
        return pending.size();
    }

    /** Drops every callback not yet delivered and forgets the recorded attempts. */
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

    /** {@code v1,} and the base64 HMAC-SHA256 of {@code id.timestamp.body}, keyed with the {@code whsec_} secret. */
    static String signature(String secret, String id, long timestamp, String body) {
        return sign(key(secret), id, timestamp, body);
    }

    /** The signing key: the base64 after {@code whsec_}; a secret that is not one is refused at once. */
    static byte[] key(String secret) {
        if (secret == null || !secret.startsWith("whsec_")) {
            throw new IllegalArgumentException("a Standard Webhooks secret starts with whsec_");
        }
        return Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }

    private static String sign(byte[] key, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void attempt(URI url, byte[] key, String id, String body, int attempt) {
        if (!pending.contains(id)) {
            return;
        }
        long timestamp = Instant.now().getEpochSecond();
        String signature = sign(key, id, timestamp, body);
        int status = post(url, id, timestamp, signature, body);
        synchronized (this) {
            if (!pending.contains(id)) {
                return;
            }
            deliveries.add(new WebhookDelivery(url.toString(), id, timestamp, signature, body, attempt, status));
            if ((status >= 200 && status < 300) || attempt >= maxAttempts) {
                pending.remove(id);
                return;
            }
        }
        Duration backoff = firstBackoff.multipliedBy(1L << Math.min(attempt - 1, 20));
        schedule(() -> attempt(url, key, id, body, attempt + 1),
                backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff);
    }

    private int post(URI url, String id, long timestamp, String signature, String body) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
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

    /** Waits on the scheduler's one thread; each post runs on its own virtual thread. */
    private synchronized void schedule(Runnable task, Duration after) {
        if (!scheduler.isShutdown()) {
            scheduler.schedule(() -> Thread.startVirtualThread(task), after.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static ScheduledExecutorService newScheduler() {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("truescreen-webhooks")
                .factory());
    }
}
