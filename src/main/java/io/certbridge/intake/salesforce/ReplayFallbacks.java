package io.certbridge.intake.salesforce;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.certbridge.camel.TemplatedRoutes;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.salesforce.StreamingApiConsumer;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Reports a stored replay id that Salesforce refused. camel-salesforce then subscribes again from its
 * fallback replay id, but tells no one except its log; so this listens to that log line and records the
 * fall-back with the channel's position, where GET /v1/salesforce/channels shows it.
 *
 * <p>It then starts the subscription over on a new session. In camel-salesforce 4.18 a channel can be
 * subscribed twice on the client when the subscription starts; the refusal then removes one of the two,
 * and the fall-back subscription is taken for a repeat and never sent, leaving the hub connected but
 * deaf. A new session subscribes from the fall-back position (or the last event received since), and
 * what is delivered twice is recorded once.
 */
@Component
@ConditionalOnProperty(prefix = "certbridge.salesforce", name = "login-url")
class ReplayFallbacks extends AppenderBase<ILoggingEvent> implements DisposableBean {

    /** camel-salesforce's SubscriptionHelper, which logs "Falling back to replayId {} for channel {}". */
    private static final String SUBSCRIPTION_LOGGER =
            "org.apache.camel.component.salesforce.internal.streaming.SubscriptionHelper";
    private static final String FALLING_BACK = "Falling back to replayId";
    private static final Duration RESUBSCRIBE_DELAY = Duration.ofSeconds(1);

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(ReplayFallbacks.class);

    private final ReplayPositions positions;
    private final CamelContext camel;
    private final Logger subscriptions = (Logger) LoggerFactory.getLogger(SUBSCRIPTION_LOGGER);

    ReplayFallbacks(ReplayPositions positions, CamelContext camel) {
        this.positions = positions;
        this.camel = camel;
        setName("salesforce-replay-fallbacks");
        setContext(subscriptions.getLoggerContext());
        start();
        subscriptions.addAppender(this);
    }

    @Override
    public void destroy() {
        subscriptions.detachAppender(this);
        stop();
    }

    @Override
    protected void append(ILoggingEvent event) {
        Object[] args = event.getArgumentArray();
        if (!event.getMessage().startsWith(FALLING_BACK) || args == null || args.length < 2) {
            return;
        }
        String channel = String.valueOf(args[1]);
        String detail = "Salesforce refused the stored replay id; the subscription resumed from replay id " + args[0]
                + ", and events seen before are recorded once";
        log.error("Salesforce channel {}: {}", channel, detail);
        positions.fellBack(channel, detail);
        Thread.ofVirtual().name("salesforce-resubscribe").start(() -> resubscribe(channel));
    }

    /** Called away from the CometD thread that logged the fall-back, which a restart would wait for. */
    private void resubscribe(String channel) {
        String routeId = SalesforceFlows.routeId(channel);
        try {
            Thread.sleep(RESUBSCRIBE_DELAY.toMillis());
            Route route = camel.getRoute(routeId);
            if (route != null && route.getConsumer() instanceof StreamingApiConsumer consumer) {
                consumer.stop(true);
                camel.getRouteController().stopRoute(routeId);
                TemplatedRoutes.start(camel, routeId);
                log.info("Salesforce channel {}: subscribed again on a new session after the fall-back", channel);
            }
        } catch (Exception e) {
            log.error("Salesforce channel {}: could not subscribe again after the fall-back; restart the hub", channel, e);
        }
    }
}
