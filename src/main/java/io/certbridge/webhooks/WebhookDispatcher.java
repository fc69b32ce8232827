package io.certbridge.webhooks;

import io.certbridge.shared.Environment;
import io.certbridge.backbone.CertificateEvents;
import io.certbridge.webhooks.WebhookMessages.Due;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends the messages that are due, each signed the Standard Webhooks way, all at once on virtual threads. Only a
 * 2xx delivers; anything else, a redirect included, is tried again on the retry schedule until it runs out.
 * 410 Gone disables the endpoint at once, and an endpoint that has failed for {@code disable-after} is disabled
 * with a webhook_endpoint.disabled event and a log line. Messages are leased in PostgreSQL, so several
 * instances share the work, and a hub that stops mid-send sends again after the lease: at least once.
 */
@Component("webhookDispatcher")
public class WebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);

    private final WebhookMessages messages;
    private final WebhookEndpoints endpoints;
    private final GuardedHttpClient http;
    private final RetrySchedule retries;
    private final WebhookSettings settings;
    private final CertificateEvents events;
    private final Clock clock;
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();

    public WebhookDispatcher(WebhookMessages messages, WebhookEndpoints endpoints, GuardedHttpClient http,
                             RetrySchedule retries, WebhookSettings settings, CertificateEvents events, Clock clock) {
        this.messages = messages;
        this.endpoints = endpoints;
        this.http = http;
        this.retries = retries;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    /** Sends the messages due now, a batch at a time, until fewer than a batch are left. */
    public int dispatchDue() throws InterruptedException {
        int total = 0;
        int sent;
        do {
            sent = dispatchBatch();
            total += sent;
        } while (sent == settings.dispatchBatch());
        return total;
    }

    /**
     * Sends a batch of due messages at once, waits for them all, and records their outcomes in one transaction, so
     * that a batch costs the database a few statements rather than a few per message.
     */
    private int dispatchBatch() throws InterruptedException {
        List<Due> due = messages.claimDue(settings.dispatchBatch(), settings.timeout().multipliedBy(2));
        if (due.isEmpty()) {
            return 0;
        }
        Map<String, List<byte[]>> secrets = new HashMap<>();
        due.forEach(message -> secrets.computeIfAbsent(message.endpointId(), this::signingSecrets));
        List<Future<Outcome>> sent = due.stream()
                .map(message -> senders.submit(() -> send(message, secrets.get(message.endpointId())))).toList();
        List<Outcome> outcomes = new ArrayList<>(sent.size());
        for (Future<Outcome> future : sent) {
            try {
                outcomes.add(future.get());
            } catch (ExecutionException e) {
                log.warn("A webhook could not be sent: {}", e.getCause().toString());
            }
        }
        messages.recordAll(outcomes);
        Map<String, Due> byId = new HashMap<>();
        due.forEach(message -> byId.put(message.id(), message));
        outcomes.forEach(outcome -> logFailure(byId.get(outcome.messageId()), outcome));
        Instant now = clock.instant();
        Set<String> delivered = new HashSet<>();
        Set<String> failing = new HashSet<>();
        for (Outcome outcome : outcomes) {
            if (outcome.delivered()) {
                delivered.add(outcome.endpointId());
            } else if (Integer.valueOf(410).equals(outcome.statusCode())) {
                disable(outcome.endpointId(), "the endpoint answered 410 Gone");
            } else {
                failing.add(outcome.endpointId());
            }
        }
        delivered.forEach(endpoints::markHealthy);
        failing.stream().filter(id -> !delivered.contains(id)).forEach(id -> failed(id, now));
        return due.size();
    }

    /** One attempt; {@code nextAttempt} null when the message is not to be tried again. */
    record Outcome(String messageId, String endpointId, Instant at, Integer statusCode, Duration elapsed,
                   String error, String responseBody, boolean delivered, Instant nextAttempt) {
    }

    /** The endpoint's secrets; none when they cannot be read (the signing key changed) or it was just deleted. */
    private List<byte[]> signingSecrets(String endpointId) {
        try {
            return endpoints.signingSecrets(endpointId);
        } catch (RuntimeException e) {
            log.error("The signing secret of webhook endpoint {} cannot be read; rotate it: {}", endpointId,
                    e.getMessage());
            return List.of();
        }
    }

    private Outcome send(Due message, List<byte[]> secrets) {
        Instant now = clock.instant();
        if (secrets.isEmpty()) {
            return new Outcome(message.id(), message.endpointId(), now, null, null,
                    "not sent: the endpoint has no signing secret the hub can read (rotate it)", null, false,
                    retries.after(message.attempts() + 1, now));
        }
        long timestamp = now.getEpochSecond();
        byte[] body = message.payload().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("webhook-id", message.id());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", StandardWebhookSignature.header(secrets, message.id(), timestamp, body));
        try {
            GuardedHttpClient.Response response = http.post(message.url(), headers, body);
            boolean delivered = response.status() >= 200 && response.status() < 300;
            Instant next = delivered || response.status() == 410 ? null : retries.after(message.attempts() + 1, now);
            return new Outcome(message.id(), message.endpointId(), now, response.status(), response.elapsed(), null,
                    response.bodySnippet(), delivered, next);
        } catch (DeliveryFailedException e) {
            return new Outcome(message.id(), message.endpointId(), now, null, null, e.getMessage(), null, false,
                    retries.after(message.attempts() + 1, now));
        }
    }

    /**
     * One line per failed attempt: WARN when the message is tried again, ERROR when it is given up. A 410 is left
     * to the ERROR of the endpoint's disabling. The endpoint's host only: a URL's path and query may hold a secret.
     */
    private static void logFailure(Due message, Outcome outcome) {
        if (outcome.delivered() || Integer.valueOf(410).equals(outcome.statusCode())) {
            return;
        }
        String failure = outcome.statusCode() == null ? outcome.error() : "HTTP " + outcome.statusCode();
        String host = URI.create(message.url()).getHost();
        int attempt = message.attempts() + 1;
        if (outcome.nextAttempt() != null) {
            log.warn("Webhook {} ({}) to endpoint {} at {} failed on attempt {}: {}; next attempt at {}", message.id(),
                    message.eventType(), message.endpointId(), host, attempt, failure, outcome.nextAttempt());
        } else {
            log.error("Webhook {} ({}) to endpoint {} at {} given up after {} attempt(s): {}", message.id(),
                    message.eventType(), message.endpointId(), host, attempt, failure);
        }
    }

    private void failed(String endpointId, Instant now) {
        endpoints.markFailing(endpointId, now);
        endpoints.find(endpointId).map(WebhookEndpoints.Endpoint::failingSince)
                .filter(since -> !since.plus(settings.disableAfter()).isAfter(now))
                .ifPresent(since -> disable(endpointId, "every delivery has failed since " + since));
    }

    private void disable(String endpointId, String reason) {
        endpoints.disable(endpointId, reason);
        log.error("Webhook endpoint {} is disabled: {}", endpointId, reason);
        endpoints.find(endpointId).ifPresent(endpoint -> events.announce("webhook_endpoint.disabled", endpointId,
                Map.of("id", endpointId, "url", endpoint.url(), "livemode", endpoint.environment() == Environment.LIVE,
                        "reason", reason)));
    }
}
