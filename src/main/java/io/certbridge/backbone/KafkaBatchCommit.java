package io.certbridge.backbone;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * Commits the offsets of a batch of Kafka records once the route has handled them all: the last record of each
 * partition carries the offset to commit for that partition. connectors/backbone-batch-source makes its own.
 */
public class KafkaBatchCommit {

    public void commit(List<Exchange> records) {
        Map<Integer, KafkaManualCommit> lastByPartition = new LinkedHashMap<>();
        for (Exchange record : records) {
            Integer partition = record.getMessage().getHeader(KafkaConstants.PARTITION, Integer.class);
            lastByPartition.put(partition, record.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT,
                    KafkaManualCommit.class));
        }
        lastByPartition.values().forEach(KafkaManualCommit::commit);
    }
}
