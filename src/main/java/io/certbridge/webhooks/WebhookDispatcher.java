package io.certbridge.webhooks;

import io.certbridge.api.Environment;
import io.certbridge.events.CertificateEvents;
import io.certbridge.webhooks.WebhookMessages.Due;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** Sends every message due now (up to a batch), and waits for them all. */
    public int dispatchDue() throws InterruptedException {
        List<Due> due = messages.claimDue(settings.dispatchBatch(), settings.timeout().multipliedBy(2));
        List<Future<?>> sent = due.stream().<Future<?>>map(message -> senders.submit(() -> send(message))).toList();
        for (Future<?> future : sent) {
            try {
                future.get();
            } catch (java.util.concurrent.ExecutionException e) {
                log.warn("A webhook could not be sent: {}", e.getCause().toString());
            }
        }
        return due.size();
    }

    private void send(Due message) {
        Instant now = clock.instant();
        long timestamp = now.getEpochSecond();
        byte[] body = message.payload().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("webhook-id", message.id());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", StandardWebhookSignature.header(endpoints.signingSecrets(message.endpointId()),
                message.id(), timestamp, body));
        try {
            GuardedHttpClient.Response response = http.post(message.url(), headers, body);
            boolean delivered = response.status() >= 200 && response.status() < 300;
            Instant next = delivered || response.status() == 410 ? null : retries.after(message.attempts() + 1, now);
            messages.recordAttempt(message.id(), now, response.status(), response.elapsed(), null,
                    response.bodySnippet(), delivered, next);
            if (delivered) {
                endpoints.markHealthy(message.endpointId());
            } else if (response.status() == 410) {
                disable(message.endpointId(), "the endpoint answered 410 Gone");
            } else {
                failed(message.endpointId(), now);
            }
        } catch (DeliveryFailedException e) {
            messages.recordAttempt(message.id(), now, null, null, e.getMessage(), null, false,
                    retries.after(message.attempts() + 1, now));
            failed(message.endpointId(), now);
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
        log.warn("Webhook endpoint {} is disabled: {}", endpointId, reason);
        endpoints.find(endpointId).ifPresent(endpoint -> events.announce("webhook_endpoint.disabled", endpointId,
                Map.of("id", endpointId, "url", endpoint.url(), "livemode", endpoint.environment() == Environment.LIVE,
                        "reason", reason)));
    }
}
