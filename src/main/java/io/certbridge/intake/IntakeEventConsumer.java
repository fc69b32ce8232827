package io.certbridge.intake;

import io.certbridge.backbone.DatabaseOutages;
import io.certbridge.shared.Json;
import io.certbridge.backbone.KafkaRecords;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records a polled batch of intake-events records; the route commits their offsets only afterwards.
 * A database outage is waited out; an event that cannot be recorded for a reason of its own is logged
 * and recorded alone, so it holds back no other.
 */
@Component
public class IntakeEventConsumer {

    private static final Logger log = LoggerFactory.getLogger(IntakeEventConsumer.class);

    private final IntakeRecorder recorder;
    private final Json json;

    IntakeEventConsumer(IntakeRecorder recorder, Json json) {
        this.recorder = recorder;
        this.json = json;
    }

    public void record(List<Exchange> records) throws InterruptedException {
        DatabaseOutages.retryIsolating(KafkaRecords.read(records, IntakeEvent.class, json), recorder::record,
                (event, failure) -> log.error("Intake event {} from {} cannot be recorded", event.id(), event.source(),
                        failure));
    }
}
