package io.certbridge.webhooks;

import io.certbridge.backbone.CertificateEvents;
import io.certbridge.delivery.Answers;
import io.certbridge.delivery.Delivery;
import io.certbridge.delivery.Outcome;
import io.certbridge.delivery.Recorded;
import io.certbridge.delivery.Result;
import io.certbridge.delivery.SingleConnector;
import io.certbridge.shared.Environment;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Customers' webhooks (connectors/customer-webhook-sink), each signed the Standard Webhooks way with the endpoint's
 * secrets, or, for a callback to a URL a request gave ({@code callback_url} in place of {@code endpoint_id}), with
 * certbridge.webhooks.callback-secret; the message's id is its webhook-id, the same on every attempt. Only a 2xx delivers. 410 Gone disables the
 * endpoint at once, and an endpoint that has failed for {@code disable-after} is disabled, with a
 * webhook_endpoint.disabled event and a log line; its messages wait until it is enabled again.
 */
@Component
class CustomerWebhookConnector implements SingleConnector {

    static final String NAME = "customer-webhook-sink";
    private static final Logger log = LoggerFactory.getLogger(CustomerWebhookConnector.class);

    /** An endpoint as a round of sending needs it: where it is, and what it signs with (none when unreadable). */
    private record Target(String url, List<byte[]> secrets) {
    }

    private final WebhookEndpoints endpoints;
    private final WebhookSettings settings;
    private final CertificateEvents events;
    private final Clock clock;
    /** The endpoints of the round being sent, read once per round; rounds follow one another. */
    private volatile Map<String, Target> round = Map.of();

    CustomerWebhookConnector(WebhookEndpoints endpoints, WebhookSettings settings, CertificateEvents events,
                             Clock clock) {
        this.endpoints = endpoints;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Twice the bound of a call: a message whose sender died goes again soon after. */
    @Override
    public Optional<Duration> lease() {
        return Optional.of(settings.timeout().multipliedBy(2));
    }

    @Override
    public List<List<Delivery>> groups(List<Delivery> claimed) {
        Map<String, Target> targets = new HashMap<>();
        claimed.forEach(message -> targets.computeIfAbsent(targetKey(message), key -> target(message)));
        round = targets;
        return SingleConnector.super.groups(claimed);
    }

    @Override
    public void prepare(Delivery message, Exchange exchange) throws NoSigningSecret {
        Target target = round.get(targetKey(message));
        if (target == null || target.secrets().isEmpty()) {
            throw new NoSigningSecret();
        }
        long timestamp = clock.instant().getEpochSecond();
        byte[] body = message.payload().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("webhook-id", message.id());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature", StandardWebhookSignature.header(target.secrets(), message.id(), timestamp,
                body));
        exchange.setProperty("webhookUrl", target.url());
        exchange.setProperty("webhookHeaders", headers);
        exchange.getMessage().setBody(body);
    }

    @Override
    public Outcome answered(Delivery message, Exchange exchange) {
        GuardedHttpClient.Response response = exchange.getMessage().getBody(GuardedHttpClient.Response.class);
        Result result = Answers.ofStatus(response.status());
        return new Outcome(message.id(), result, response.status(), response.elapsed(),
                result == Result.DELIVERED ? null : "HTTP " + response.status(), response.bodySnippet(), null);
    }

    @Override
    public Outcome failed(Delivery message, Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DeliveryFailedException | cause instanceof NoSigningSecret) {
                return Outcome.failed(message, Result.UNREACHABLE, cause.getMessage());
            }
        }
        return Answers.of(message, failure);
    }

    /** The host only: a URL's path and query may hold a secret. */
    @Override
    public String describe(Delivery message) {
        Target target = round.get(targetKey(message));
        String endpoint = message.text("endpoint_id");
        return "(" + message.text("event_type") + ") " + (endpoint == null ? "callback" : "endpoint " + endpoint)
                + (target == null ? "" : " at " + URI.create(target.url()).getHost());
    }

    /** Marks endpoints healthy or failing, and disables those that answered 410 or have failed too long. */
    @Override
    public void recorded(List<Recorded> outcomes) {
        Instant now = clock.instant();
        Set<String> delivered = new HashSet<>();
        Set<String> failing = new HashSet<>();
        for (Recorded recorded : outcomes) {
            String endpoint = recorded.delivery().text("endpoint_id");
            if (endpoint == null) {
                continue;
            }
            if (recorded.outcome().delivered()) {
                delivered.add(endpoint);
            } else if (recorded.outcome().result() == Result.GONE) {
                disable(endpoint, "the endpoint answered 410 Gone");
            } else {
                failing.add(endpoint);
            }
        }
        delivered.forEach(endpoints::markHealthy);
        failing.stream().filter(id -> !delivered.contains(id)).forEach(id -> {
            endpoints.markFailing(id, now);
            endpoints.find(id).map(WebhookEndpoints.Endpoint::failingSince)
                    .filter(since -> !since.plus(settings.disableAfter()).isAfter(now))
                    .ifPresent(since -> disable(id, "every delivery has failed since " + since));
        });
    }

    private static String targetKey(Delivery message) {
        String endpoint = message.text("endpoint_id");
        return endpoint != null ? endpoint : "callback " + message.text("callback_url");
    }

    private Target target(Delivery message) {
        String endpoint = message.text("endpoint_id");
        if (endpoint == null) {
            return new Target(message.text("callback_url"), settings.callbackKey().map(List::of).orElse(List.of()));
        }
        return target(endpoint);
    }

    private Target target(String endpointId) {
        String url = endpoints.find(endpointId).map(WebhookEndpoints.Endpoint::url).orElse(null);
        try {
            return url == null ? null : new Target(url, endpoints.signingSecrets(endpointId));
        } catch (RuntimeException e) {
            log.error("The signing secret of webhook endpoint {} cannot be read; rotate it: {}", endpointId,
                    e.getMessage());
            return new Target(url, List.of());
        }
    }

    private void disable(String endpointId, String reason) {
        endpoints.disable(endpointId, reason);
        log.error("Webhook endpoint {} is disabled: {}", endpointId, reason);
        endpoints.find(endpointId).ifPresent(endpoint -> events.announce("webhook_endpoint.disabled", endpointId,
                Map.of("id", endpointId, "url", endpoint.url(), "livemode", endpoint.environment() == Environment.LIVE,
                        "reason", reason)));
    }

    /** Not sent: the endpoint has no secret the hub can read to sign with. */
    static final class NoSigningSecret extends Exception {
        NoSigningSecret() {
            super("not sent: no signing secret the hub can read (rotate the endpoint's, or set "
                    + "certbridge.webhooks.callback-secret for callbacks)", null, false, false);
        }
    }
}
