package io.certbridge.issuers.swanshare;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.delivery.Answers;
import io.certbridge.delivery.Delivery;
import io.certbridge.delivery.Outcome;
import io.certbridge.delivery.Recorded;
import io.certbridge.delivery.Result;
import io.certbridge.issuance.OutsideIssuance;
import io.certbridge.issuers.IssuerCalls;
import io.certbridge.issuers.IssuerConnector;
import io.certbridge.issuers.GivenUpIssuance;
import io.certbridge.issuers.IssuerGroups;
import io.certbridge.issuers.IssuerPauses;
import io.certbridge.issuers.IssuerSettings;
import io.certbridge.issuers.IssuerType;
import io.certbridge.issuers.RequestShaper;
import io.certbridge.shared.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Certificates issued at SwanShare: each account's deliveries in batches of its batch size ({@code items}, at most
 * 100), as many calls as its 120 requests a minute allow (RequestShaper), through connectors/swanshare-issue-sink.
 * SwanShare answers at once with the credentials in the order sent, so a call's answer issues its certificates.
 * A 2xx with {@code ok: false} and a 4xx are refusals in SwanShare's words, failed at once; 429 waits half a window
 * (SwanShare sends no reset); 402 with {@code "limit": true} pauses the account until the next month (UTC) or
 * {@code POST /v1/issuers/<name>/resume}, its deliveries kept (one attempt each for the call that met it).
 *
 * <p>SwanShare has no idempotency key and no list or search: every call is recorded before it is made, and a
 * call whose answer was lost (a timeout, a 5xx, the hub killed mid-call) is found again only by SwanShare's
 * credential.issued webhook ({@link SwanShareWebhook}), which adopts what it created. So a delivery retried after
 * such a call first waits the account's {@code webhook-grace} for that webhook (held back, no attempt counted),
 * is delivered without a call once its certificate was adopted meanwhile, and is called again only when the grace
 * has passed with no word of it, or at once when the account has no webhook secret (then at least once, not
 * exactly once).
 */
@Component
class SwanShareIssueConnector implements IssuerConnector {

    static final String NAME = "swanshare-issue-sink";
    private static final Logger log = LoggerFactory.getLogger(SwanShareIssueConnector.class);
    /** Three times the Kamelet's response timeout: a hub that dies mid-call has its deliveries claimed after it. */
    private static final Duration LEASE = Duration.ofSeconds(90);
    /** SwanShare sends no Retry-After nor reset: half its one-minute window. */
    private static final Duration THROTTLED_FOR = Duration.ofSeconds(30);

    /** A credential SwanShare issued for a delivery, kept from the answer until the round is recorded. */
    private record Answer(String callId, OutsideIssuance.Issued issued) {
    }

    private final IssuerSettings settings;
    private final IssuerGroups issuerGroups;
    private final IssuerCalls calls;
    private final IssuerPauses pauses;
    private final RequestShaper shaper;
    private final OutsideIssuance issuance;
    private final CredentialItems items;
    private final CallsInFlight inFlight;
    private final Json json;
    private final Clock clock;
    private final GivenUpIssuance givenUp;
    private final Instant started;
    private final Map<String, String> callOfGroup = new ConcurrentHashMap<>();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, Instant> held = new ConcurrentHashMap<>();

    SwanShareIssueConnector(IssuerSettings settings, IssuerGroups issuerGroups, IssuerCalls calls,
                            IssuerPauses pauses, RequestShaper shaper, OutsideIssuance issuance, CredentialItems items,
                            CallsInFlight inFlight, GivenUpIssuance givenUp, Json json, Clock clock) {
        this.givenUp = givenUp;
        this.settings = settings;
        this.issuerGroups = issuerGroups;
        this.calls = calls;
        this.pauses = pauses;
        this.shaper = shaper;
        this.issuance = issuance;
        this.items = items;
        this.inFlight = inFlight;
        this.json = json;
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean ready() {
        return issuerGroups.anyPlace(type());
    }

    @Override
    public IssuerType type() {
        return IssuerType.SWANSHARE;
    }

    @Override
    public Operation operation() {
        return Operation.ISSUE;
    }

    @Override
    public Optional<Duration> lease() {
        return Optional.of(LEASE);
    }

    @Override
    public String givenUpEvent() {
        return "certificate.issuance_failed";
    }

    @Override
    public String describe(Delivery delivery) {
        return "issuer " + delivery.text("issuer") + " certificate " + delivery.certificateId();
    }

    /**
     * Certificates already adopted from a webhook go together without a call; those whose last call is still
     * uncertain wait for its webhook; the rest go in shaped batches.
     */
    @Override
    public List<List<Delivery>> groups(List<Delivery> claimed) {
        List<List<Delivery>> groups = new ArrayList<>();
        List<Delivery> adopted = claimed.stream().filter(d -> d.certificateUrl() != null).toList();
        if (!adopted.isEmpty()) {
            groups.add(adopted);
        }
        Map<String, List<Delivery>> byIssuer = new LinkedHashMap<>();
        claimed.stream().filter(d -> d.certificateUrl() == null)
                .forEach(d -> byIssuer.computeIfAbsent(d.text("issuer"), name -> new ArrayList<>()).add(d));
        List<Delivery> toCall = new ArrayList<>();
        byIssuer.forEach((issuer, deliveries) -> toCall.addAll(notAwaitingWebhook(issuer, deliveries)));
        groups.addAll(issuerGroups.shaped(toCall, IssuerSettings.Account::batchSizeOrDefault));
        return groups;
    }

    @Override
    public Optional<Instant> dueAgain(Delivery left) {
        return Optional.ofNullable(held.remove(left.id()));
    }

    private List<Delivery> notAwaitingWebhook(String issuer, List<Delivery> deliveries) {
        Optional<IssuerSettings.Account> account = settings.account(issuer);
        if (account.isEmpty()) {
            return deliveries;
        }
        List<IssuerCalls.Call> uncertain = calls.uncertain(issuer,
                deliveries.stream().map(Delivery::certificateId).toList());
        if (uncertain.isEmpty()) {
            return deliveries;
        }
        Duration grace = account.get().webhookGraceOrDefault();
        boolean webhooks = account.get().webhookSecret() != null;
        Map<String, Instant> graceEnds = new HashMap<>();
        for (IssuerCalls.Call call : uncertain) {
            // after a restart, SwanShare's retries of a webhook the dead hub missed still come within the grace
            Instant end = (call.calledAt().isAfter(started) ? call.calledAt() : started).plus(grace);
            call.certificateIds().forEach(id -> graceEnds.merge(id, end, (a, b) -> a.isAfter(b) ? a : b));
        }
        Instant now = clock.instant();
        List<Delivery> ready = new ArrayList<>();
        List<String> callAgain = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            Instant end = graceEnds.get(delivery.certificateId());
            if (end == null) {
                ready.add(delivery);
            } else if (webhooks && now.isBefore(end)) {
                held.put(delivery.id(), end);
            } else {
                ready.add(delivery);
                callAgain.add(delivery.certificateId());
            }
        }
        if (!callAgain.isEmpty()) {
            log.warn("Issuer {}: no webhook told what an unanswered call created for {} certificate(s) within {}; "
                    + "they are asked again, which issues any the call did create a second time", issuer,
                    callAgain.size(), webhooks ? grace : "0 s (no webhook-secret)");
            calls.settled(issuer, callAgain);
        }
        return ready;
    }

    @Override
    public void prepare(List<Delivery> group, Exchange exchange) {
        Delivery first = group.getFirst();
        if (first.certificateUrl() != null) {
            throw new NoCallNeeded();
        }
        String issuer = first.text("issuer");
        IssuerSettings.Account account = settings.account(issuer).orElseThrow(() -> new NotConfigured(issuer));
        List<String> certificateIds = group.stream().map(Delivery::certificateId).toList();
        String body = json.write(items.body(certificateIds));
        String callId = calls.calling(issuer, "issue", certificateIds);
        callOfGroup.put(first.id(), callId);
        inFlight.started(issuer, callId, LEASE);
        exchange.setProperty("swanshareBaseUrl", account.base());
        exchange.setProperty("swanshareApiKey", account.apiKey());
        exchange.getMessage().setBody(body);
    }

    @Override
    public List<Outcome> answered(List<Delivery> group, Exchange exchange) {
        String callId = callOfGroup.remove(group.getFirst().id());
        JsonNode answer = json.read(exchange.getMessage().getBody(String.class), JsonNode.class);
        if (!answer.path("ok").asBoolean(false)) {
            String words = "SwanShare refused the request: " + words(answer);
            calls.refused(callId, words);
            inFlight.ended(callId);
            return group.stream().map(d -> Outcome.failed(d, Result.REFUSED, words)).toList();
        }
        JsonNode credentials = answer.path("credentials");
        if (!credentials.isArray() || credentials.size() != group.size()) {
            String detail = "SwanShare answered " + credentials.size() + " credential(s) for " + group.size()
                    + " item(s); its webhook will tell which were issued";
            calls.unanswered(callId, detail);
            inFlight.ended(callId);
            return group.stream().map(d -> Outcome.failed(d, Result.SERVER_ERROR, detail)).toList();
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            Delivery delivery = group.get(i);
            JsonNode credential = credentials.get(i);
            answers.put(delivery.id(), new Answer(callId, new OutsideIssuance.Issued(delivery.certificateId(),
                    credential.path("verify_id").asText(), credential.path("verify_url").asText())));
            outcomes.add(Outcome.delivered(delivery));
        }
        return outcomes;
    }

    @Override
    public List<Outcome> failed(List<Delivery> group, Exception failure) {
        String callId = callOfGroup.remove(group.getFirst().id());
        if (failure instanceof NoCallNeeded) {
            return group.stream().map(Outcome::delivered).toList();
        }
        if (failure instanceof NotConfigured) {
            return group.stream().map(d -> Outcome.failed(d, Result.INVALID, failure.getMessage())).toList();
        }
        if (callId == null) {
            return group.stream().map(d -> Answers.of(d, failure)).toList();
        }
        inFlight.ended(callId);
        String issuer = group.getFirst().text("issuer");
        if (failure instanceof HttpOperationFailedException http) {
            return answeredWithError(issuer, callId, group, http);
        }
        if (notConnected(failure)) {
            calls.refused(callId, "not connected: " + Answers.describe(failure));
        } else {
            calls.unanswered(callId, Answers.describe(failure));
        }
        return group.stream().map(d -> Outcome.failed(d, Result.UNREACHABLE, Answers.describe(failure))).toList();
    }

    private List<Outcome> answeredWithError(String issuer, String callId, List<Delivery> group,
                                            HttpOperationFailedException http) {
        int status = http.getStatusCode();
        JsonNode answer = errorBody(http.getResponseBody());
        String words = "SwanShare answered " + status + ": " + words(answer);
        Result result;
        if (status >= 500) {
            // a request SwanShare failed may still have issued: only its webhook can tell
            calls.unanswered(callId, words);
            result = Result.SERVER_ERROR;
        } else {
            calls.refused(callId, words);
            if (status == 402 && answer.path("limit").asBoolean(false)) {
                pauses.pause(issuer, "SwanShare's monthly plan limit is reached (" + words(answer) + ")",
                        firstOfNextMonth());
                result = Result.THROTTLED;
            } else if (status == 429) {
                shaper.throttled(issuer, clock.instant().plus(THROTTLED_FOR));
                result = Result.THROTTLED;
            } else {
                result = Result.REFUSED;
            }
        }
        return group.stream().map(d -> new Outcome(d.id(), result, status, null, words, null, null)).toList();
    }

    /** Issues what SwanShare issued, closes the calls that did it, and fails what it refused for good. */
    @Override
    public void recorded(List<Recorded> outcomes) {
        List<OutsideIssuance.Issued> issued = new ArrayList<>();
        Set<String> doneCalls = new LinkedHashSet<>();
        for (Recorded recorded : outcomes) {
            Answer answer = answers.remove(recorded.delivery().id());
            if (answer != null && recorded.outcome().delivered()) {
                issued.add(answer.issued());
                doneCalls.add(answer.callId());
            }
        }
        issuance.issued(issued);
        doneCalls.forEach(calls::done);
        givenUp.mark(outcomes);
        endOnceCommitted(doneCalls);
    }

    /** A webhook waiting for these calls finds their credentials known once the round's transaction is over. */
    private void endOnceCommitted(Set<String> callIds) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            callIds.forEach(inFlight::ended);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                callIds.forEach(inFlight::ended);
            }
        });
    }

    private Instant firstOfNextMonth() {
        return YearMonth.now(clock.withZone(ZoneOffset.UTC)).plusMonths(1).atDay(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC);
    }

    private JsonNode errorBody(String body) {
        try {
            return json.read(body == null || body.isBlank() ? "{}" : body, JsonNode.class);
        } catch (RuntimeException notJson) {
            return json.read(json.write(Map.of("error", body)), JsonNode.class);
        }
    }

    private static String words(JsonNode answer) {
        String error = answer.path("error").asText("");
        return error.isBlank() ? answer.toString() : error;
    }

    private static boolean notConnected(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** The certificates were adopted from a webhook meanwhile: delivered without a call. */
    private static final class NoCallNeeded extends RuntimeException {
        NoCallNeeded() {
            super("adopted from SwanShare's webhook", null, false, false);
        }
    }

    private static final class NotConfigured extends RuntimeException {
        NotConfigured(String issuer) {
            super("certbridge.issuers." + issuer + " is no longer configured", null, false, false);
        }
    }
}
