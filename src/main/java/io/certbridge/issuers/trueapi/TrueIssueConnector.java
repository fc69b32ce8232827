package io.certbridge.issuers.trueapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.delivery.Answers;
import io.certbridge.delivery.Delivery;
import io.certbridge.delivery.Outcome;
import io.certbridge.delivery.Recorded;
import io.certbridge.delivery.Result;
import io.certbridge.issuance.Certificate;
import io.certbridge.issuance.OutsideIssuance;
import io.certbridge.issuers.IssuerCalls;
import io.certbridge.issuers.IssuerConnector;
import io.certbridge.issuers.GivenUpIssuance;
import io.certbridge.issuers.IssuerGroups;
import io.certbridge.issuers.IssuerSettings;
import io.certbridge.issuers.IssuerType;
import io.certbridge.template.Template;
import io.certbridge.template.Templates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Issues certificates through TRUE: a group of one as {@code POST /v1/certificates} (201, issued at once), a larger
 * one as {@code POST /v1/certificates/batch} (202, a batch job that {@link TrueBatchTracker} follows), in groups of
 * the account's batch size per account and TRUE template, only as many calls as the account's window has places
 * for. Each certificate carries the hub's id ({@code fields.certbridge_id}) and the call's
 * ({@code fields.certbridge_call}), so that TRUE can always be asked what it made of it.
 *
 * <p>Exactly once: every call is in the call log before it is made. Before a certificate whose last call went
 * unanswered is asked for again, TRUE is asked what that call created: what it made is adopted; a batch TRUE still
 * processes (or may still be processing, for {@link #BATCH_GRACE} after a call whose answer was lost) is waited
 * out; only what it did not make is asked for again.
 */
@Component
class TrueIssueConnector implements IssuerConnector {

    static final String NAME = "true-issue-sink";
    /** How long TRUE may take to start a batch whose answer the hub never heard before it is taken as not made. */
    static final Duration BATCH_GRACE = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(TrueIssueConnector.class);

    /** What came of a call for one delivery, for {@link #recorded} to write in the round's transaction. */
    private record Sent(String callId, Kind kind, OutsideIssuance.Issued issued, String ref) {
        enum Kind { ISSUED, FOLLOWED, REFUSED, UNANSWERED }
    }

    /** The deliveries of one group: those settled without a call (by their outcome), and the ones sent. */
    private record Plan(String issuer, IssuerSettings.Account account, Map<String, Outcome> settled,
                        List<Delivery> sent, String callId) {
    }

    private final IssuerSettings settings;
    private final IssuerGroups groups;
    private final IssuerCalls calls;
    private final OutsideIssuance issuance;
    private final Templates templates;
    private final TrueApi api;
    private final TrueBatches batches;
    private final Clock clock;
    private final GivenUpIssuance givenUp;
    private final Map<String, Sent> sent = new ConcurrentHashMap<>();

    TrueIssueConnector(IssuerSettings settings, IssuerGroups groups, IssuerCalls calls, OutsideIssuance issuance,
                       Templates templates, TrueApi api, TrueBatches batches, GivenUpIssuance givenUp,
                       Clock clock) {
        this.givenUp = givenUp;
        this.settings = settings;
        this.groups = groups;
        this.calls = calls;
        this.issuance = issuance;
        this.templates = templates;
        this.api = api;
        this.batches = batches;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean ready() {
        return groups.anyPlace(type());
    }

    @Override
    public IssuerType type() {
        return IssuerType.TRUE;
    }

    @Override
    public Operation operation() {
        return Operation.ISSUE;
    }

    @Override
    public String givenUpEvent() {
        return "certificate.issuance_failed";
    }

    @Override
    public String describe(Delivery delivery) {
        return "certificate " + delivery.certificateId() + " at issuer " + delivery.text("issuer");
    }

    /** A batch carries one TRUE template: the claimed are shaped per account and TRUE template. */
    @Override
    public List<List<Delivery>> groups(List<Delivery> claimed) {
        Map<String, Certificate> certificates = certificates(claimed);
        Map<String, Optional<String>> externalTemplates = new HashMap<>();
        Map<String, List<Delivery>> byTemplate = new LinkedHashMap<>();
        for (Delivery delivery : claimed) {
            Certificate certificate = certificates.get(delivery.certificateId());
            String template = certificate == null ? null : externalTemplates.computeIfAbsent(
                    certificate.templateId(), this::externalTemplate).orElse(null);
            byTemplate.computeIfAbsent(delivery.text("issuer") + " " + template, key -> new ArrayList<>())
                    .add(delivery);
        }
        List<List<Delivery>> shaped = new ArrayList<>();
        byTemplate.values().forEach(same -> shaped.addAll(groups.shaped(same,
                IssuerSettings.Account::batchSizeOrDefault)));
        return shaped;
    }

    @Override
    public void prepare(List<Delivery> group, Exchange exchange) throws InterruptedException {
        String issuer = group.getFirst().text("issuer");
        IssuerSettings.Account account = settings.account(issuer).orElseThrow(() -> new NotConfigured(issuer));
        Map<String, Outcome> settled = new LinkedHashMap<>();
        lookAtUncertain(issuer, account, group, settled);
        Map<String, Certificate> certificates = certificates(group);
        List<Delivery> toSend = new ArrayList<>();
        for (Delivery delivery : group) {
            Certificate certificate = certificates.get(delivery.certificateId());
            if (settled.containsKey(delivery.id())) {
                continue;
            }
            if (certificate == null) {
                settled.put(delivery.id(), Outcome.failed(delivery, Result.INVALID, "The certificate is gone"));
            } else if (certificate.issuer().externalId() != null) {
                settled.put(delivery.id(), Outcome.delivered(delivery));
            } else if ("failed".equals(certificate.status())) {
                settled.put(delivery.id(), Outcome.failed(delivery, Result.REFUSED, certificate.issuer().error()));
            } else {
                toSend.add(delivery);
            }
        }
        String callId = null;
        if (toSend.isEmpty()) {
            TrueApi.call(exchange, account, null, null, null);
        } else {
            List<Certificate> sending = toSend.stream().map(d -> certificates.get(d.certificateId())).toList();
            String template = externalTemplate(sending.getFirst().templateId())
                    .orElseThrow(() -> new NotConfigured(issuer));
            boolean batch = sending.size() > 1;
            callId = calls.calling(issuer, batch ? "batch" : "issue",
                    sending.stream().map(Certificate::id).toList());
            ObjectNode body = JSON.createObjectNode().put("template_id", template);
            if (batch) {
                ArrayNode recipients = body.putArray("recipients");
                for (Certificate certificate : sending) {
                    recipients.addObject().put("name", certificate.recipient().name())
                            .put("email", certificate.recipient().email())
                            .set("fields", fields(certificate, callId));
                }
            } else {
                Certificate certificate = sending.getFirst();
                body.putObject("recipient").put("name", certificate.recipient().name())
                        .put("email", certificate.recipient().email());
                body.set("fields", fields(certificate, callId));
            }
            TrueApi.call(exchange, account, "POST", batch ? "/v1/certificates/batch" : "/v1/certificates",
                    body.toString());
        }
        exchange.setProperty("truePlan", new Plan(issuer, account, settled, toSend, callId));
    }

    @Override
    public List<Outcome> answered(List<Delivery> group, Exchange exchange) {
        Plan plan = exchange.getProperty("truePlan", Plan.class);
        List<Outcome> outcomes = new ArrayList<>(plan.settled().values());
        if (plan.sent().isEmpty()) {
            return outcomes;
        }
        TrueAnswer answer = TrueAnswer.of(exchange);
        api.observe(plan.issuer(), answer);
        boolean batch = plan.sent().size() > 1;
        for (Delivery delivery : plan.sent()) {
            if (answer.ok() && answer.body().hasNonNull("id")) {
                sent.put(delivery.id(), batch
                        ? new Sent(plan.callId(), Sent.Kind.FOLLOWED, null, answer.body().path("id").asText())
                        : new Sent(plan.callId(), Sent.Kind.ISSUED, TrueBatches.issued(answer.body()), null));
                outcomes.add(new Outcome(delivery.id(), Result.DELIVERED, answer.status(), null, null, null, null));
                continue;
            }
            boolean createdNothing = answer.truesError() || answer.status() == 429;
            sent.put(delivery.id(), new Sent(plan.callId(),
                    createdNothing ? Sent.Kind.REFUSED : Sent.Kind.UNANSWERED, null, answer.words()));
            Result result = answer.ok() ? Result.REFUSED : answer.result();
            outcomes.add(new Outcome(delivery.id(), result, answer.status(), null, "TRUE: " + answer.words(), null,
                    null));
        }
        return outcomes;
    }

    @Override
    public List<Outcome> failed(List<Delivery> group, Exception failure) {
        if (failure instanceof NotConfigured) {
            return group.stream().map(d -> Outcome.failed(d, Result.INVALID, failure.getMessage())).toList();
        }
        // the call stays "calling" in the log: TRUE is asked what it made before it is made again
        return group.stream().map(d -> Answers.of(d, failure)).toList();
    }

    @Override
    public void recorded(List<Recorded> outcomes) {
        List<OutsideIssuance.Issued> issued = new ArrayList<>();
        Map<String, Sent> byCall = new LinkedHashMap<>();
        for (Recorded recorded : outcomes) {
            Sent what = sent.remove(recorded.delivery().id());
            if (what != null) {
                byCall.putIfAbsent(what.callId(), what);
                if (what.kind() == Sent.Kind.ISSUED) {
                    issued.add(what.issued());
                }
            }
        }
        byCall.forEach((callId, what) -> {
            switch (what.kind()) {
                case ISSUED -> calls.done(callId);
                case FOLLOWED -> calls.answered(callId, what.ref());
                case REFUSED -> calls.refused(callId, what.ref());
                case UNANSWERED -> calls.unanswered(callId, what.ref());
            }
        });
        issuance.issued(issued);
        givenUp.mark(outcomes);
    }

    /**
     * Asks TRUE what the unanswered calls of the group's certificates created: a batch it made is settled once
     * finished (waited out while it processes), a single certificate adopted; a call that made nothing is marked so,
     * and its certificates are asked for again, a batch's only after {@link #BATCH_GRACE}.
     */
    private void lookAtUncertain(String issuer, IssuerSettings.Account account, List<Delivery> group,
                                 Map<String, Outcome> settled) throws InterruptedException {
        Map<String, Delivery> byCertificate = group.stream()
                .collect(Collectors.toMap(Delivery::certificateId, Function.identity(), (a, b) -> a));
        for (IssuerCalls.Call call : calls.uncertain(issuer, byCertificate.keySet())) {
            List<JsonNode> found = batches.createdBy(issuer, account, call.id());
            log.info("Issuer {}: the answer to call {} was never heard; TRUE has {} of its {} certificate(s)", issuer,
                    call.id(), found.size(), call.certificateIds().size());
            Optional<String> batch = found.stream().map(c -> c.path("batch_id").asText(null))
                    .filter(id -> id != null).findFirst();
            boolean waiting;
            if (batch.isPresent()) {
                waiting = !batches.settle(issuer, account, call, batch.get());
            } else if (!found.isEmpty()) {
                batches.adopt(call, found);
                waiting = false;
            } else if (call.operation().equals("batch") && clock.instant().isBefore(call.calledAt().plus(BATCH_GRACE))) {
                waiting = true;
            } else {
                calls.refused(call.id(), "TRUE has nothing of this call: it created nothing");
                waiting = false;
            }
            if (waiting) {
                call.certificateIds().stream().map(byCertificate::get).filter(d -> d != null).forEach(d ->
                        settled.put(d.id(), Outcome.failed(d, Result.BUSY,
                                "TRUE may still be processing the batch that holds it; looked at again later")));
            }
        }
    }

    /** The certificate's fields, its expiry (TRUE's {@code expiration_date}), and the hub's references. */
    private static ObjectNode fields(Certificate certificate, String callId) {
        ObjectNode fields = JSON.createObjectNode();
        certificate.fields().forEach(fields::set);
        if (certificate.expiresAt() != null) {
            fields.put("expiration_date", certificate.expiresAt().atOffset(ZoneOffset.UTC).toLocalDate().toString());
        }
        fields.put(TrueBatches.REFERENCE, certificate.id());
        fields.put(TrueBatches.CALL, callId);
        return fields;
    }

    private Map<String, Certificate> certificates(List<Delivery> deliveries) {
        return issuance.certificates(deliveries.stream().map(Delivery::certificateId).distinct().toList()).stream()
                .collect(Collectors.toMap(Certificate::id, Function.identity()));
    }

    private Optional<String> externalTemplate(String templateId) {
        return templates.find(templateId).map(Template::externalTemplateId);
    }

    /** The account, or the certificate's TRUE template, is no longer configured. */
    static final class NotConfigured extends RuntimeException {
        NotConfigured(String issuer) {
            super("Issuer " + issuer + " is not configured (certbridge.issuers." + issuer
                    + "), or the template names no TRUE template", null, false, false);
        }
    }
}
