package io.certbridge.issuers;

import io.certbridge.shared.problems.MalformedInput;
import io.certbridge.shared.problems.NotAuthenticated;
import io.certbridge.shared.problems.NotFound;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The outside issuers' webhooks: {@code POST /hooks/issuers/<name>}, authenticated the account's way, answered 200
 * once acted on (a service retries anything else).
 */
@RestController
class IssuerHookController {

    private static final Logger log = LoggerFactory.getLogger(IssuerHookController.class);

    private final IssuerSettings settings;
    private final List<IssuerWebhook> webhooks;

    IssuerHookController(IssuerSettings settings, List<IssuerWebhook> webhooks) {
        this.settings = settings;
        this.webhooks = webhooks;
    }

    @PostMapping(path = "/hooks/issuers/{name}", consumes = "*/*", produces = "application/json")
    ResponseEntity<?> receive(@PathVariable String name, @RequestParam(required = false) String secret,
                              HttpServletRequest request) throws IOException {
        IssuerSettings.Account account = settings.account(name).orElseThrow(() -> new NotFound("issuer", name));
        IssuerWebhook webhook = webhooks.stream().filter(w -> w.type() == account.issuerType()).findFirst()
                .orElseThrow(() -> new NotFound("issuer", name));
        byte[] body = request.getInputStream().readAllBytes();
        Map<String, String> headers = headers(request);
        if (!webhook.authentic(account, headers, body, secret)) {
            log.warn("Refused a webhook for issuer {}: its signature or secret does not match", name);
            throw new NotAuthenticated("invalid_signature", "The webhook is not signed with this issuer's secret");
        }
        try {
            webhook.receive(name, account, headers, body);
        } catch (IllegalArgumentException e) {
            throw new MalformedInput("invalid_webhook", e.getMessage(), null);
        }
        return ResponseEntity.ok(Map.of("received", true));
    }

    private static Map<String, String> headers(HttpServletRequest request) {
        Map<String, String> headers = new HashMap<>();
        for (String header : Collections.list(request.getHeaderNames())) {
            headers.put(header.toLowerCase(Locale.ROOT), request.getHeader(header));
        }
        return headers;
    }
}
