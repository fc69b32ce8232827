package io.certbridge.intake.salesforce;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Reports a stored replay id that Salesforce refused. camel-salesforce then subscribes again from its
 * fallback replay id, but tells no one except its log; so this listens to that log line and records the
 * fall-back with the channel's position, where GET /v1/salesforce/channels shows it.
 */
@Component
@ConditionalOnProperty(prefix = "certbridge.salesforce", name = "login-url")
class ReplayFallbacks extends AppenderBase<ILoggingEvent> implements DisposableBean {

    /** camel-salesforce's SubscriptionHelper, which logs "Falling back to replayId {} for channel {}". */
    private static final String SUBSCRIPTION_LOGGER =
            "org.apache.camel.component.salesforce.internal.streaming.SubscriptionHelper";
    private static final String FALLING_BACK = "Falling back to replayId";

    private static final org.slf4j.Logger log = LoggerFactory.getLogger(ReplayFallbacks.class);

    private final ReplayPositions positions;
    private final Logger subscriptions = (Logger) LoggerFactory.getLogger(SUBSCRIPTION_LOGGER);

    ReplayFallbacks(ReplayPositions positions) {
        this.positions = positions;
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
    }
}
