package io.certbridge.backbone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.KafkaTopicReader;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class OutboxRelayTest extends HubTestBase {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaSettings kafka;

    @Test
    void aMessageKafkaRefusesForGoodIsSetAsideAndHoldsNothingBack() {
        String huge = "{\"type\":\"certificate.issued\",\"data\":{\"id\":\"cert_huge\",\"pad\":\"" + "x".repeat(2_000_000) + "\"}}";
        jdbc.sql("insert into outbox (topic, message_key, payload) values (?, 'cert_huge', ?)")
                .params(kafka.topics().certificateEvents(), huge).update();

        String id = api().post("/v1/certificates", certificate(courseTemplate(), "after@example.org"))
                .body().get("id").asText();

        List<JsonNode> events = KafkaTopicReader.read(kafka.bootstrapServers(), kafka.topics().certificateEvents(),
                e -> e.at("/data/id").asText().equals(id), 1, Duration.ofSeconds(20));
        assertThat(events).hasSize(1);
        assertThat(jdbc.sql("select count(*) from outbox_undeliverable where message_key = 'cert_huge'")
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from outbox where message_key = 'cert_huge'")
                .query(Integer.class).single()).isZero();
    }
}
