package io.certbridge.trustedform;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.delivery.Delivery;
import io.certbridge.delivery.Recorded;
import io.certbridge.shared.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;

/**
 * What a retain's recorded attempt means for the retain, in the transaction that records it: retained (with
 * TrustedForm's outcome, the retention's end and whether it had been retained before) or expired, each written back to
 * the Lead; failed once given up; pending again with the reason meanwhile.
 */
@Component
class RetainResults {

    static final String NOT_FOUND = "TrustedForm: the certificate has expired or could not be found";

    private final Retains retains;
    private final LeadUpdates leads;
    private final Json json;

    RetainResults(Retains retains, LeadUpdates leads, Json json) {
        this.retains = retains;
        this.leads = leads;
        this.json = json;
    }

    void record(Recorded recorded) {
        Delivery delivery = recorded.delivery();
        String retainId = delivery.text("retain_id");
        String state = recorded.outcome().deliveredState();
        if ("retained".equals(state)) {
            Retains.Answer answer = answer(recorded.outcome().responseBody());
            retains.settle(retainId, "retained", null, answer);
            leads.plan(retainId, delivery.text("channel"), delivery.text("lead_id"), true, answer.expiresAt(),
                    answer.outcome());
        } else if ("expired".equals(state)) {
            retains.settle(retainId, "expired", NOT_FOUND, null);
            leads.plan(retainId, delivery.text("channel"), delivery.text("lead_id"), false, null, "expired");
        } else {
            retains.settle(retainId, recorded.givenUp() ? "failed" : "pending", recorded.outcome().error(), null);
        }
    }

    /** TrustedForm's 200 answer; what cannot be read of it is left null (the call log keeps the answer as it came). */
    private Retains.Answer answer(String body) {
        JsonNode answer;
        try {
            answer = json.read(body, JsonNode.class);
        } catch (RuntimeException notJson) {
            return new Retains.Answer(null, null, null);
        }
        JsonNode results = answer.path("retain").path("results");
        Instant expiresAt;
        try {
            expiresAt = results.hasNonNull("expires_at") ? Instant.parse(results.get("expires_at").asText()) : null;
        } catch (DateTimeParseException e) {
            expiresAt = null;
        }
        return new Retains.Answer(answer.path("outcome").asText(null),
                expiresAt, results.hasNonNull("previously_retained") ? results.get("previously_retained").asBoolean()
                : null);
    }
}
