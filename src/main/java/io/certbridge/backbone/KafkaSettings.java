package io.certbridge.backbone;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** certbridge.kafka.*: where the backbone is and what its topics are called. */
@ConfigurationProperties("certbridge.kafka")
public record KafkaSettings(String bootstrapServers, Topics topics, int partitions) {

    public record Topics(String certificateRequests, String certificateEvents, String intakeEvents) {
    }
}
