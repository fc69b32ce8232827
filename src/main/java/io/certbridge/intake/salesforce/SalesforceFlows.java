package io.certbridge.intake.salesforce;

import io.certbridge.backbone.Outages;
import io.certbridge.camel.TemplatedRoutes;
import io.certbridge.salesforce.SalesforceSettings;
import io.certbridge.salesforce.SalesforceSettings.Channel;
import io.certbridge.salesforce.SalesforceSubscriber;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Starts the Salesforce intake once the hub has started, when Salesforce is configured: a subscription to
 * each configured channel (and each channel of a {@link SalesforceSubscriber}) from the salesforce-intake
 * template, resuming after the last event made durable (or from {@code initial-replay-id} the first time). If
 * Salesforce cannot be reached, the hub runs on and the subscription is tried again with a back-off. It runs after
 * the other start-up flows ({@code @Order}): making a subscription logs in, which may take long, and route additions
 * wait for one another ({@link TemplatedRoutes}).
 */
@Component
@Order(2)
@ConditionalOnProperty(prefix = "certbridge.salesforce", name = "login-url")
class SalesforceFlows implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SalesforceFlows.class);

    private final CamelContext camel;
    private final SalesforceSettings settings;
    private final ReplayPositions positions;
    private final List<SalesforceSubscriber> subscribers;

    SalesforceFlows(CamelContext camel, SalesforceSettings settings, ReplayPositions positions,
                    List<SalesforceSubscriber> subscribers) {
        this.camel = camel;
        this.settings = settings;
        this.positions = positions;
        this.subscribers = subscribers;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        for (String channel : channels(settings, subscribers)) {
            String routeId = routeId(channel);
            Thread.ofVirtual().name(routeId).start(() -> subscribePatiently(channel, routeId));
        }
    }

    /** Every channel subscribed: the learning-event channels, then those of other features. */
    static List<String> channels(SalesforceSettings settings, List<SalesforceSubscriber> subscribers) {
        return Stream.concat(settings.channels().stream().map(Channel::name),
                subscribers.stream().flatMap(subscriber -> subscriber.channels().stream())).toList();
    }

    static String routeId(String channel) {
        return "salesforce-intake-" + Channel.eventType(channel);
    }

    /** Logging in happens when the route is made, so both are tried again until Salesforce answers. */
    private void subscribePatiently(String channel, String routeId) {
        try {
            Outages.waitOut("Salesforce (" + routeId + ")", e -> camel.isStarted(), () -> {
                try {
                    if (camel.getRoute(routeId) == null) {
                        long replayId = positions.replayId(channel).orElse(settings.initialReplayId());
                        TemplatedRoutes.add(camel, "salesforce-intake", routeId, Map.of(
                                "topic", channel.replaceFirst("^/", ""), "replayId", replayId));
                        log.info("Subscribing to {} from replay id {}", channel, replayId);
                    }
                    TemplatedRoutes.start(camel, routeId);
                } catch (Exception e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
        } catch (InterruptedException | RuntimeException stopping) {
            log.info("Gave up subscribing ({}): the hub is stopping", routeId);
        }
    }
}
