package io.certbridge.backbone;

import io.certbridge.shared.Ids;
import io.certbridge.shared.Json;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Announces {@link CertificateEvent}s on the certificate-events topic, through the outbox. */
@Component
public class CertificateEvents {

    private final Outbox outbox;
    private final Json json;
    private final Clock clock;
    private final String topic;

    public CertificateEvents(Outbox outbox, Json json, Clock clock, KafkaSettings kafka) {
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.topic = kafka.topics().certificateEvents();
    }

    public void announce(String type, String subjectId, Object data) {
        announceAll(type, Map.of(subjectId, data));
    }

    /** An event a crash may lose without harm: how people look at certificates, not what happens to them. */
    public void announceEngagement(String type, String subjectId, Object data) {
        outbox.addUnflushed(messages(type, Map.of(subjectId, data)));
    }

    /** One event per entry of {@code dataBySubjectId}, keyed by the subject so that its events stay in order. */
    public void announceAll(String type, Map<String, ?> dataBySubjectId) {
        outbox.add(messages(type, dataBySubjectId));
    }

    /** The outbox messages that announce, for a store that writes them together with their subjects. */
    public List<Outbox.Message> messages(String type, Map<String, ?> dataBySubjectId) {
        return dataBySubjectId.entrySet().stream()
                .map(e -> new Outbox.Message(topic, e.getKey(), json.write(
                        new CertificateEvent(Ids.newId("evt"), type, clock.instant(), e.getValue()))))
                .toList();
    }
}
