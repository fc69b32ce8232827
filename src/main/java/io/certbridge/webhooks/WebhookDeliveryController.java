package io.certbridge.webhooks;

import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.api.ApiProblem;
import io.certbridge.api.Page;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
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
 * again: one message, or every message not delivered since a moment.
 */
@RestController
@RequestMapping(produces = "application/json", path = "/v1/webhook-endpoints/{endpointId}")
class WebhookDeliveryController {

    record Replay(String since) {
    }

    record Replayed(String object, int messages) {
    }

    private final WebhookEndpoints endpoints;
    private final WebhookMessages messages;

    WebhookDeliveryController(WebhookEndpoints endpoints, WebhookMessages messages) {
        this.endpoints = endpoints;
        this.messages = messages;
    }

    @GetMapping("/deliveries")
    @RequiresScope(Scope.WEBHOOKS_MANAGE)
    Page<WebhookMessages.Delivery> deliveries(@PathVariable String endpointId,
                                              @RequestParam(required = false) Integer limit,
                                              @RequestParam(name = "starting_after", required = false) String after,
                                              HttpServletRequest request) {
        int size = Page.checkedLimit(limit);
        return Page.of(messages.ofEndpoint(endpoint(endpointId, request), size + 1, after), size,
                WebhookMessages.Delivery::id);
    }

    @PostMapping("/deliveries/{messageId}/resend")
    @RequiresScope(Scope.WEBHOOKS_MANAGE)
    Map<String, String> resend(@PathVariable String endpointId, @PathVariable String messageId,
                               HttpServletRequest request) {
        if (!messages.resend(endpoint(endpointId, request), messageId)) {
            throw ApiProblem.notFound("webhook delivery", messageId);
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
            throw ApiProblem.unprocessable("invalid_timestamp", "must be an ISO 8601 instant such as "
                    + "2026-11-22T08:00:00Z", "since");
        }
        return new Replayed("webhook_replay", messages.replayFailedSince(endpoint(endpointId, request), since));
    }

    private String endpoint(String id, HttpServletRequest request) {
        return endpoints.find(id, ApiKeyPrincipal.of(request).environment())
                .orElseThrow(() -> ApiProblem.notFound("webhook endpoint", id)).id();
    }
}
