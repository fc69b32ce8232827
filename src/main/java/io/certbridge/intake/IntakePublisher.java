package io.certbridge.intake;

import io.certbridge.shared.Json;
import io.certbridge.backbone.KafkaSettings;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Puts an accepted event on the intake-events topic and waits until every in-sync replica has it
 * (the producer sends with acks=all): only then may the endpoint answer 2xx. Events of one learner in
 * one course share a key, so they stay in order.
 */
@Component
public class IntakePublisher {

    private static final Logger log = LoggerFactory.getLogger(IntakePublisher.class);

    private final Producer<String, String> producer;
    private final Json json;
    private final IntakeSettings settings;
    private final String topic;

    IntakePublisher(Producer<String, String> producer, Json json, IntakeSettings settings, KafkaSettings kafka) {
        this.producer = producer;
        this.json = json;
        this.settings = settings;
        this.topic = kafka.topics().intakeEvents();
    }

    /** Returns once the event is durable; throws {@link NotDurable} when Kafka did not take it in time. */
    public void publish(IntakeEvent event) throws InterruptedException {
        String key = String.join("|", event.source(), String.valueOf(event.tenant()),
                String.valueOf(event.course().id()), String.valueOf(event.learner().id()));
        try {
            producer.send(new ProducerRecord<>(topic, key, json.write(event)))
                    .get(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Could not make a {} event durable: {}", event.source(), e.toString());
            throw new NotDurable(e);
        }
    }

    /** Kafka did not acknowledge the event: nothing was recorded, and the event must be sent again. */
    public static final class NotDurable extends RuntimeException {
        NotDurable(Exception cause) {
            super(cause.toString(), cause);
        }
    }
}
