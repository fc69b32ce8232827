package io.certbridge.trustedform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.delivery.Answers;
import io.certbridge.delivery.Delivery;
import io.certbridge.delivery.Outcome;
import io.certbridge.delivery.Recorded;
import io.certbridge.delivery.Result;
import io.certbridge.delivery.SingleConnector;
import io.certbridge.intake.JsonPaths;
import io.certbridge.shared.Json;
import io.certbridge.writeback.salesforce.SalesforceRecordConnector;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

/**
 * Retains one Lead's TrustedForm certificate through connectors/trustedform-retain-sink, each call recorded before it
 * is made ({@link RetainCalls}). What the answers mean:
 * <ul>
 * <li>200: retained, written back to the Lead ({@link LeadUpdates}); 404 (expired or never existed): written back as
 *     {@code expired}, not tried again;</li>
 * <li>401 or 403 (the key, or an operation the account has not contracted) and 402 (no funds): the account must be
 *     fixed; every retain pauses ({@link TrustedFormPauses}) and this one waits with them;</li>
 * <li>5xx, 429 and no answer: tried again with back-off; another 4xx fails it.</li>
 * </ul>
 * TrustedForm matches the lead by its e-mail or phone: when the event gave neither (a change event carries only the
 * fields that changed, so an update of the certificate URL alone), they and the vendor are read from the Lead, by the
 * channel's expressions over the record, before the call ({@link LeadRecords}); a Lead Salesforce cannot show is
 * answered as a write-back's Salesforce error is (retried when locked, busy or unreachable).
 *
 * <p>A retain sent again after its hub died mid-call is called again unless that call's answer was recorded (then the
 * answer is taken as it is); TrustedForm cannot be asked what was retained, so the repeat, if the first call got
 * through, answers {@code previously_retained: true}, which is kept.
 */
@Component
class TrustedFormRetainConnector implements SingleConnector {

    static final String NAME = "trustedform-retain-sink";

    private final TrustedFormSettings settings;
    private final RetainCalls calls;
    private final RetainResults results;
    private final TrustedFormPauses pauses;
    private final LeadRecords leads;
    private final Json json;

    TrustedFormRetainConnector(TrustedFormSettings settings, RetainCalls calls, RetainResults results,
                               TrustedFormPauses pauses, LeadRecords leads, Json json) {
        this.settings = settings;
        this.calls = calls;
        this.results = results;
        this.pauses = pauses;
        this.leads = leads;
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean ready() {
        return settings.enabled();
    }

    @Override
    public void prepare(Delivery delivery, Exchange exchange) {
        String retainId = delivery.text("retain_id");
        calls.interrupted(retainId);
        calls.conclusive(retainId).ifPresent(call -> {
            throw new AnsweredBefore(call);
        });
        String url = delivery.text("certificate_url");
        String request = request(delivery);
        calls.calling(retainId, url, request);
        exchange.setProperty("trustedformCertificateUrl", url);
        exchange.getMessage().setBody(request);
    }

    /** The planned request, with the Lead's e-mail, phone and vendor when the event gave neither e-mail nor phone. */
    private String request(Delivery delivery) {
        ObjectNode request = json.read(delivery.payload(), ObjectNode.class);
        ObjectNode match = request.withObjectProperty("match_lead");
        String leadId = delivery.text("lead_id");
        if (leadId == null || match.hasNonNull("email") || match.hasNonNull("phone")) {
            return delivery.payload();
        }
        TrustedFormSettings.Channel channel = settings.channel(delivery.text("channel"));
        JsonNode lead;
        try {
            lead = leads.read(leadId);
        } catch (Exception e) {
            throw new LeadUnread(e);
        }
        JsonPaths.text(lead, channel.email()).ifPresent(email -> match.put("email", email));
        JsonPaths.text(lead, channel.phone()).ifPresent(phone -> match.put("phone", phone));
        ObjectNode retain = request.withObjectProperty("retain");
        if (!retain.hasNonNull("vendor")) {
            JsonPaths.text(lead, channel.vendor()).ifPresent(vendor -> retain.put("vendor", vendor));
        }
        return request.toString();
    }

    @Override
    public Outcome answered(Delivery delivery, Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        calls.answered(delivery.text("retain_id"), 200, body);
        return conclusive(delivery, 200, body);
    }

    @Override
    public Outcome failed(Delivery delivery, Exception failure) {
        if (failure instanceof AnsweredBefore before) {
            return conclusive(delivery, before.call.statusCode(), before.call.responseBody());
        }
        if (failure instanceof LeadUnread unread) {
            return SalesforceRecordConnector.outcome(delivery, (Exception) unread.getCause());
        }
        String retainId = delivery.text("retain_id");
        if (!(failure instanceof HttpOperationFailedException http)) {
            calls.unanswered(retainId, Answers.describe(failure));
            return Answers.of(delivery, failure);
        }
        int status = http.getStatusCode();
        calls.answered(retainId, status, http.getResponseBody());
        if (status == 404) {
            return conclusive(delivery, status, http.getResponseBody());
        }
        String error = "HTTP " + status + ": " + String.valueOf(http.getResponseBody()).strip();
        if (status == 401 || status == 402 || status == 403) {
            pauses.pause("TrustedForm refused the account (" + error + ")");
            return new Outcome(delivery.id(), Result.THROTTLED, status, null, error, null, null);
        }
        return new Outcome(delivery.id(), Answers.ofStatus(status), status, null, error, null, null);
    }

    /** A 200 or 404 is an answer about the certificate: the delivery is done, its state what became of it. */
    private static Outcome conclusive(Delivery delivery, int status, String body) {
        return new Outcome(delivery.id(), Result.DELIVERED, status, null, null, body,
                status == 200 ? "retained" : "expired");
    }

    @Override
    public void recorded(List<Recorded> outcomes) {
        outcomes.forEach(results::record);
    }

    @Override
    public String givenUpEvent() {
        return "trustedform.retain_failed";
    }

    @Override
    public String describe(Delivery delivery) {
        return "retain " + delivery.text("retain_id") + " of " + delivery.text("certificate_url");
    }

    /** The Lead could not be read from Salesforce: nothing was called. */
    private static final class LeadUnread extends RuntimeException {
        LeadUnread(Exception cause) {
            super("The Lead could not be read from Salesforce: " + cause.getMessage(), cause, false, false);
        }
    }

    /** The retain's call was answered before (by a hub that died before recording it): not called again. */
    private static final class AnsweredBefore extends RuntimeException {
        private final RetainCalls.Call call;

        AnsweredBefore(RetainCalls.Call call) {
            super("Answered " + call.statusCode() + " before", null, false, false);
            this.call = call;
        }
    }
}
