package io.certbridge.delivery;

import io.certbridge.backbone.CertificateEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The steps of the delivery flow (routes/delivery.camel.yaml): claim the due deliveries of every ready connector,
 * in the groups each connector sends together; have the connector prepare each group for its Kamelet and read the
 * answer; then record every outcome of the round at once, with the connector's retry policy deciding what is tried
 * again and when. A failure that will be retried is one WARN line, one given up one ERROR line.
 */
@Component
public class DeliveryEngine {

    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);
    static final String GROUP = "deliveryGroup";
    static final String CLAIMED = "claimedDeliveries";
    static final String ROUND_FULL = "deliveryRoundFull";
    static final String ROUND_STARTED = "deliveryRoundStarted";

    private final DeliveryQueue queue;
    private final Connectors connectors;
    private final DeliverySettings settings;
    private final TransactionTemplate transaction;
    private final CertificateEvents events;
    private final Clock clock;

    DeliveryEngine(DeliveryQueue queue, Connectors connectors, DeliverySettings settings,
                   TransactionTemplate transaction, CertificateEvents events, Clock clock) {
        this.queue = queue;
        this.connectors = connectors;
        this.settings = settings;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
    }

    /** The groups to send this round; the round is full when a connector had more due than it may claim. */
    public List<List<Delivery>> claim(Exchange exchange) {
        Map<String, Integer> limits = new LinkedHashMap<>();
        List<DeliveryQueue.Claim> claims = connectors.ready().stream().map(connector -> new DeliveryQueue.Claim(
                connector.name(), settings.batchSize(connector.name()), connector.lease().orElse(settings.lease())))
                .toList();
        claims.forEach(claim -> limits.put(claim.connector(), claim.limit()));
        exchange.setProperty(ROUND_STARTED, clock.instant());
        List<Delivery> claimed = claims.isEmpty() ? List.of() : queue.claim(claims);
        Map<String, List<Delivery>> byConnector = new LinkedHashMap<>();
        claimed.forEach(d -> byConnector.computeIfAbsent(d.connector(), name -> new ArrayList<>()).add(d));
        Map<String, Delivery> byId = new HashMap<>();
        List<List<Delivery>> groups = new ArrayList<>();
        boolean full = false;
        for (var entry : byConnector.entrySet()) {
            List<List<Delivery>> sent = connectors.get(entry.getKey()).groups(entry.getValue());
            groups.addAll(sent);
            sent.forEach(group -> group.forEach(d -> byId.put(d.id(), d)));
            int sending = sent.stream().mapToInt(List::size).sum();
            full |= sending == entry.getValue().size() && sending >= limits.get(entry.getKey());
        }
        Map<Optional<Instant>, List<String>> left = new LinkedHashMap<>();
        claimed.stream().filter(d -> !byId.containsKey(d.id())).forEach(d -> left.computeIfAbsent(
                connectors.get(d.connector()).dueAgain(d), due -> new ArrayList<>()).add(d.id()));
        left.forEach((due, ids) -> queue.release(ids, due.orElse(null)));
        exchange.setProperty(ROUND_FULL, full);
        exchange.setProperty(CLAIMED, byId);
        return groups;
    }

    /**
     * Hands a group to its connector, which sets what its Kamelet needs; the Kamelet's name is the property connector.
     * The group starts with no headers: the round's exchange carries back those of a call made in an earlier round
     * (the split's aggregate is one of its parts), and an HTTP header such as {@code CamelHttpUri} left by one
     * connector's Kamelet would send another connector's call to the first one's system.
     */
    @SuppressWarnings("unchecked")
    public void prepare(Exchange exchange) throws Exception {
        List<Delivery> group = exchange.getMessage().getBody(List.class);
        exchange.getMessage().removeHeaders("*");
        exchange.setProperty(GROUP, group);
        Connector connector = connectors.get(group.getFirst().connector());
        exchange.setProperty("connector", connector.name());
        connector.prepare(group, exchange);
    }

    public List<Outcome> answered(Exchange exchange) {
        List<Delivery> group = group(exchange);
        return connectors.get(group.getFirst().connector()).answered(group, exchange);
    }

    public List<Outcome> failed(Exchange exchange) {
        List<Delivery> group = group(exchange);
        return connectors.get(group.getFirst().connector())
                .failed(group, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
    }

    /** Records the round: the body is the outcomes of each group. */
    @SuppressWarnings("unchecked")
    public void record(Exchange exchange) {
        Map<String, Delivery> claimed = exchange.getProperty(CLAIMED, Map.class);
        if (claimed == null || claimed.isEmpty()) {
            return;
        }
        Instant attempted = exchange.getProperty(ROUND_STARTED, Instant.class);
        Instant now = clock.instant();
        List<Recorded> planned = new ArrayList<>();
        for (Object group : exchange.getMessage().getBody(List.class)) {
            for (Outcome outcome : (List<Outcome>) group) {
                Delivery delivery = claimed.get(outcome.deliveryId());
                Optional<Instant> next = outcome.delivered() ? Optional.empty()
                        : settings.retry(delivery.connector()).next(delivery.attempt(), outcome.result(), now);
                planned.add(new Recorded(delivery, outcome, attempted,
                        outcome.delivered() ? "delivered" : next.isPresent() ? "pending" : "failed", next.orElse(null)));
            }
        }
        List<Recorded> recorded = transaction.execute(status -> {
            Map<String, String> statuses = queue.record(planned);
            List<Recorded> actual = planned.stream().filter(r -> statuses.containsKey(r.delivery().id()))
                    .map(r -> r.withStatus(statuses.get(r.delivery().id()))).toList();
            Map<String, List<Recorded>> byConnector = new LinkedHashMap<>();
            actual.forEach(r -> byConnector.computeIfAbsent(r.delivery().connector(), n -> new ArrayList<>()).add(r));
            byConnector.forEach((name, outcomes) -> {
                connectors.get(name).recorded(outcomes);
                announceGivenUp(connectors.get(name).givenUpEvent(), outcomes);
            });
            return actual;
        });
        recorded.forEach(this::logFailure);
    }

    private void announceGivenUp(String type, List<Recorded> outcomes) {
        if (type == null) {
            return;
        }
        outcomes.stream().filter(Recorded::givenUp).forEach(recorded -> {
            Delivery delivery = recorded.delivery();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", delivery.id());
            data.put("certificate_id", delivery.certificateId());
            data.put("connector", delivery.connector());
            data.put("livemode", delivery.livemode());
            data.put("attempts", delivery.attempt());
            data.put("error", recorded.outcome().error());
            events.announce(type, delivery.id(), data);
        });
    }

    private void logFailure(Recorded recorded) {
        if (recorded.outcome().delivered()) {
            return;
        }
        Delivery delivery = recorded.delivery();
        String what = "Delivery " + delivery.id() + " to " + delivery.connector() + " "
                + connectors.get(delivery.connector()).describe(delivery);
        if (recorded.givenUp()) {
            log.error("{} given up after {} attempt(s), now a dead letter: {}", what, delivery.attempt(),
                    recorded.outcome().error());
        } else if (recorded.nextAttempt() != null) {
            log.warn("{} failed on attempt {} of {}: {}; next attempt at {}", what, delivery.attempt(),
                    settings.retry(delivery.connector()).attemptLimit(), recorded.outcome().error(),
                    recorded.nextAttempt());
        } else {
            log.warn("{} failed on attempt {}: {}; sent again now, planned again meanwhile", what, delivery.attempt(),
                    recorded.outcome().error());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Delivery> group(Exchange exchange) {
        return exchange.getProperty(GROUP, List.class);
    }
}
