package io.certbridge.intake.salesforce;

import io.certbridge.backbone.DatabaseOutages;
import io.certbridge.backbone.Outages;
import io.certbridge.intake.IntakeEvent;
import io.certbridge.intake.IntakePublisher;
import io.certbridge.intake.RejectedEvents;
import io.certbridge.salesforce.SalesforceSettings;
import io.certbridge.salesforce.SalesforceSettings.Channel;
import io.certbridge.salesforce.SalesforceSubscriber;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.component.salesforce.SalesforceConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes one platform event from a subscription: makes it durable on the intake-events topic (waiting out a
 * Kafka outage, so that no event is skipped), or records it as rejected when it cannot be read; only then
 * stores its replay id, from which a restarted hub resumes. A replayed event is recorded once, by its
 * EventUuid, so resuming from an earlier position doubles nothing. The events of a channel another feature
 * subscribes ({@link SalesforceSubscriber}) go to that feature instead, and their replay ids are stored the same way.
 */
@Component
public class SalesforceIntake {

    private static final Logger log = LoggerFactory.getLogger(SalesforceIntake.class);

    private final PlatformEvents events;
    private final IntakePublisher publisher;
    private final RejectedEvents rejected;
    private final ReplayPositions positions;
    private final Map<String, Channel> channels;
    private final Map<String, SalesforceSubscriber> subscribers = new HashMap<>();

    SalesforceIntake(PlatformEvents events, IntakePublisher publisher, RejectedEvents rejected,
                     ReplayPositions positions, SalesforceSettings settings, List<SalesforceSubscriber> subscribers) {
        this.events = events;
        this.publisher = publisher;
        this.rejected = rejected;
        this.positions = positions;
        this.channels = settings.channels().stream().collect(Collectors.toMap(Channel::name, Function.identity()));
        subscribers.forEach(subscriber -> subscriber.channels().forEach(channel -> {
            if (channels.containsKey(channel) || this.subscribers.putIfAbsent(channel, subscriber) != null) {
                throw new IllegalStateException("The Salesforce channel " + channel + " is configured twice: each "
                        + "channel feeds either certbridge.salesforce.channels or one other feature");
            }
        }));
    }

    public void accept(@Header(SalesforceConstants.HEADER_SALESFORCE_CHANNEL) String channelName,
                       @Header(SalesforceConstants.HEADER_SALESFORCE_REPLAY_ID) Long replayId,
                       @Body String message) throws InterruptedException {
        SalesforceSubscriber subscriber = subscribers.get(channelName);
        if (subscriber != null) {
            subscriber.accept(channelName, message);
        } else {
            record(channels.get(channelName), replayId, message);
        }
        if (replayId != null) {
            DatabaseOutages.retry(() -> positions.save(channelName, replayId));
        }
    }

    private void record(Channel channel, Long replayId, String message) throws InterruptedException {
        try {
            publishDurably(events.read(channel, message));
        } catch (PlatformEvents.Unreadable e) {
            log.warn("Rejected a platform event on {} (replay id {}): {}", channel.name(), replayId, e.getMessage());
            rejected.record(events.unreadable(channel, message), e.getMessage());
        }
    }

    private void publishDurably(IntakeEvent event) throws InterruptedException {
        Outages.waitOut("Kafka", e -> e instanceof IntakePublisher.NotDurable, () -> publisher.publish(event));
    }
}
