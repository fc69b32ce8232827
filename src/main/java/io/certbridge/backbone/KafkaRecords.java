package io.certbridge.backbone;

import io.certbridge.shared.Json;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JSON values of a polled batch of Kafka records; one that cannot be read is logged and left out. */
public final class KafkaRecords {

    private static final Logger log = LoggerFactory.getLogger(KafkaRecords.class);

    private KafkaRecords() {
    }

    public static <T> List<T> read(List<Exchange> records, Class<T> type, Json json) {
        List<T> values = new ArrayList<>(records.size());
        for (Exchange record : records) {
            try {
                values.add(json.read(record.getMessage().getBody(String.class), type));
            } catch (RuntimeException e) {
                log.warn("Dropped an unreadable {} at offset {} of {}: {}", type.getSimpleName(),
                        record.getMessage().getHeader(KafkaConstants.OFFSET),
                        record.getMessage().getHeader(KafkaConstants.TOPIC), e.getMessage());
            }
        }
        return values;
    }
}
