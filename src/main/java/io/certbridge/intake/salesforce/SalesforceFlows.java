package io.certbridge.intake.salesforce;

import io.certbridge.backbone.Outages;
import io.certbridge.camel.TemplatedRoutes;
import io.certbridge.salesforce.SalesforceSettings;
import io.certbridge.salesforce.SalesforceSettings.Channel;
import java.util.Map;
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
 * each configured channel from the salesforce-intake template, resuming after the
 * last event made durable (or from {@code initial-replay-id} the first time). If Salesforce cannot be
 * reached, the hub runs on and the subscription is tried again with a back-off. It runs after the other
 * start-up flows ({@code @Order}): making a subscription logs in, which may take long, and route additions
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

    SalesforceFlows(CamelContext camel, SalesforceSettings settings, ReplayPositions positions) {
        this.camel = camel;
        this.settings = settings;
        this.positions = positions;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        for (Channel channel : settings.channels()) {
            String routeId = routeId(channel.name());
            Thread.ofVirtual().name(routeId).start(() -> subscribePatiently(channel, routeId));
        }
    }

    static String routeId(String channel) {
        return "salesforce-intake-" + Channel.eventType(channel);
    }

    /** Logging in happens when the route is made, so both are tried again until Salesforce answers. */
    private void subscribePatiently(Channel channel, String routeId) {
        try {
            Outages.waitOut("Salesforce (" + routeId + ")", e -> camel.isStarted(), () -> {
                try {
                    if (camel.getRoute(routeId) == null) {
                        long replayId = positions.replayId(channel.name()).orElse(settings.initialReplayId());
                        TemplatedRoutes.add(camel, "salesforce-intake", routeId, Map.of(
                                "topic", channel.name().replaceFirst("^/", ""), "replayId", replayId));
                        log.info("Subscribing to {} from replay id {}", channel.name(), replayId);
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
