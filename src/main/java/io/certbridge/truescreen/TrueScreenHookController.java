package io.certbridge.truescreen;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.intake.SignatureRejected;
import io.certbridge.intake.generic.StandardWebhookSignature;
import io.certbridge.shared.problems.MalformedInput;
import io.certbridge.shared.problems.NotAuthenticated;
import io.certbridge.shared.problems.NotFound;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * TrueScreen's callbacks: {@code POST /hooks/truescreen/<name>}, Standard Webhooks signed with the account's
 * {@code whsec_} secret (401 otherwise), {@code certification.completed} (data: the certification as GET shows it)
 * or {@code certification.error} (data: the problem, {@code instance} naming the certification). Answered 200 once
 * acted on; anything else is retried by TrueScreen, as is a completed certification whose artifacts could not be
 * downloaded yet (500).
 */
@RestController
class TrueScreenHookController {

    private static final Logger log = LoggerFactory.getLogger(TrueScreenHookController.class);
    private static final String INSTANCE = "/v1/certifications/";

    private final TrueScreenSettings settings;
    private final CertificationResults results;
    private final Clock clock;

    TrueScreenHookController(TrueScreenSettings settings, CertificationResults results, Clock clock) {
        this.settings = settings;
        this.results = results;
        this.clock = clock;
    }

    @PostMapping(path = "/hooks/truescreen/{name}", consumes = "*/*", produces = "application/json")
    ResponseEntity<?> receive(@PathVariable String name, HttpServletRequest request) throws IOException {
        TrueScreenSettings.Account account = settings.account(name)
                .orElseThrow(() -> new NotFound("truescreen_account", name));
        byte[] body = request.getInputStream().readAllBytes();
        try {
            StandardWebhookSignature.verify(List.of(account.webhookSecret()), request.getHeader("webhook-id"),
                    request.getHeader("webhook-timestamp"), request.getHeader("webhook-signature"), body,
                    clock.instant());
        } catch (SignatureRejected e) {
            log.warn("Refused a callback for TrueScreen account {}: {}", name, e.getMessage());
            throw new NotAuthenticated("invalid_signature", "The callback is not signed with this account's secret");
        }
        JsonNode envelope = TrueScreenAnswer.json(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        JsonNode data = envelope.path("data");
        switch (envelope.path("type").asText()) {
            case "certification.completed" -> {
                if (!results.seen(name, data)) {
                    return ResponseEntity.status(500).body(Map.of("received", false));
                }
            }
            case "certification.error" -> {
                String instance = data.path("instance").asText();
                if (!instance.startsWith(INSTANCE)) {
                    throw new MalformedInput("invalid_webhook", "certification.error names no certification", null);
                }
                results.failed(name, instance.substring(INSTANCE.length()), data.path("status").asInt(500), data);
            }
            default -> log.info("TrueScreen account {}: callback of type {} ignored", name,
                    envelope.path("type").asText());
        }
        return ResponseEntity.ok(Map.of("received", true));
    }
}
