package io.certbridge.webhooks;

import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.api.Page;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.delivery.DeliveryFilter;
import io.certbridge.delivery.DeliveryQueue;
import io.certbridge.delivery.DeliveryView;
import io.certbridge.shared.problems.InvalidInput;
import io.certbridge.shared.problems.NotFound;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An endpoint's delivery log (every message with every attempt: when, the status code, how long), and sending
 * again: one message, or every message not delivered since a moment; the endpoint's deliveries in the delivery
 * engine, as this API showed them before it.
 */
@RestController
@RequestMapping(produces = "application/json", path = "/v1/webhook-endpoints/{endpointId}")
class WebhookDeliveryController {

    record Replay(String since) {
    }

    record Replayed(String object, int messages) {
    }

    /** A message as the delivery log shows it, with every attempt, oldest first. */
    record Delivery(String id, String eventId, String eventType, String status, int attempts, Instant nextAttemptAt,
                    Instant createdAt, List<Attempt> attemptLog) {

        static Delivery of(DeliveryView message) {
            return new Delivery(message.id(), (String) message.target().get("event_id"),
                    (String) message.target().get("event_type"),
                    "sending".equals(message.status()) ? "pending" : message.status(), message.attempts(),
                    message.nextAttemptAt(), message.createdAt(), message.attemptLog().stream()
                    .map(a -> new Attempt(a.attemptedAt(), a.statusCode(), a.responseMs(), a.error())).toList());
        }
    }

    record Attempt(Instant attemptedAt, Integer statusCode, Integer responseMs, String error) {
    }

    private final WebhookEndpoints endpoints;
    private final DeliveryQueue deliveries;

    WebhookDeliveryController(WebhookEndpoints endpoints, DeliveryQueue deliveries) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
    }

    @GetMapping("/deliveries")
    @RequiresScope(Scope.WEBHOOKS_MANAGE)
    Page<Delivery> deliveries(@PathVariable String endpointId, @RequestParam(required = false) Integer limit,
                              @RequestParam(name = "starting_after", required = false) String after,
                              HttpServletRequest request) {
        int size = Page.checkedLimit(limit);
        return Page.of(deliveries.list(messages(endpointId, null, request), size + 1, after).stream()
                .map(Delivery::of).toList(), size, Delivery::id);
    }

    @PostMapping("/deliveries/{messageId}/resend")
    @RequiresScope(Scope.WEBHOOKS_MANAGE)
    Map<String, String> resend(@PathVariable String endpointId, @PathVariable String messageId,
                               HttpServletRequest request) {
        if (deliveries.find(messageId, messages(endpointId, null, request)).isEmpty()
                || !deliveries.resend(messageId)) {
            throw new NotFound("webhook delivery", messageId);
        }
        return Map.of("id", messageId, "status", "pending");
    }

    @PostMapping("/replay")
    @RequiresScope(Scope.WEBHOOKS_MANAGE)
    Replayed replay(@PathVariable String endpointId, @RequestBody Replay body, HttpServletRequest request) {
        Instant since;
        try {
            since = Instant.parse(body.since() == null ? "" : body.since());
        } catch (DateTimeParseException e) {
            throw new InvalidInput("invalid_timestamp", "must be an ISO 8601 instant such as "
                    + "2026-11-22T08:00:00Z", "since");
        }
        return new Replayed("webhook_replay", deliveries.replay(messages(endpointId, since, request)));
    }

    /** The endpoint's messages, since a moment when given; the endpoint must be the caller's environment's. */
    private DeliveryFilter messages(String endpointId, Instant since, HttpServletRequest request) {
        var environment = ApiKeyPrincipal.of(request).environment();
        String id = endpoints.find(endpointId, environment)
                .orElseThrow(() -> new NotFound("webhook endpoint", endpointId)).id();
        return WebhookEndpoints.messages(environment, id, since);
    }
}
