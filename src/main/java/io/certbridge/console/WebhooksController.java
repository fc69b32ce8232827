package io.certbridge.console;

import io.certbridge.delivery.DeliveryFilter;
import io.certbridge.delivery.DeliveryQueue;
import io.certbridge.delivery.DeliveryView;
import io.certbridge.shared.Environment;
import io.certbridge.shared.problems.NotFound;
import io.certbridge.webhooks.WebhookEndpoints;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The live webhook endpoints and each one's delivery log: a message sent again (an issuer's), an endpoint enabled or
 * disabled (an admin's). Endpoints are created, and their secrets rotated, through the API, where the secret is
 * shown to the program that will check it.
 */
@Controller
@RequestMapping("/console/webhooks")
class WebhooksController {

    static final int LOG_SIZE = 50;

    private final WebhookEndpoints endpoints;
    private final DeliveryQueue deliveries;

    WebhooksController(WebhookEndpoints endpoints, DeliveryQueue deliveries) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("endpoints", endpoints.list(Environment.LIVE, WebhookEndpoints.MAX_PER_ENVIRONMENT, null));
        return "console/webhooks";
    }

    @GetMapping("/{id}")
    String log(@PathVariable String id, @RequestParam(required = false) String after, Model model) {
        WebhookEndpoints.Endpoint endpoint = endpoint(id);
        List<DeliveryView> messages = deliveries.list(messages(id), LOG_SIZE + 1,
                Forms.blankToNull(after));
        model.addAttribute("endpoint", endpoint);
        model.addAttribute("messages", messages.stream().limit(LOG_SIZE).toList());
        model.addAttribute("next", messages.size() > LOG_SIZE ? messages.get(LOG_SIZE - 1).id() : null);
        return "console/webhook";
    }

    @PostMapping("/{id}/deliveries/{messageId}/resend")
    String resend(@PathVariable String id, @PathVariable String messageId, RedirectAttributes redirect) {
        endpoint(id);
        boolean resent = deliveries.find(messageId, messages(id)).isPresent() && deliveries.resend(messageId);
        redirect.addFlashAttribute(resent ? "message" : "problem",
                resent ? "The message is being sent again." : "No such message of this endpoint.");
        return "redirect:/console/webhooks/" + id;
    }

    @PostMapping("/{id}/enabled")
    String enable(@PathVariable String id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        endpoint(id);
        endpoints.update(id, Environment.LIVE, new WebhookEndpoints.Changes(null, null, null, enabled));
        redirect.addFlashAttribute("message", enabled ? "The endpoint is enabled." : "The endpoint is disabled.");
        return "redirect:/console/webhooks/" + id;
    }

    private WebhookEndpoints.Endpoint endpoint(String id) {
        return endpoints.find(id, Environment.LIVE).orElseThrow(() -> new NotFound("webhook endpoint", id));
    }

    private static DeliveryFilter messages(String endpointId) {
        return WebhookEndpoints.messages(Environment.LIVE, endpointId, null);
    }
}
