package io.certbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import io.certbridge.intake.IntakeEventConsumer;
import io.certbridge.intake.IntakeRetention;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockReset;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * routes/intake-recording on its own, on a real Kafka (the embedded one): the events of the intake-events topic
 * are handed to the recorder in order and their offsets committed once recorded; old events are purged on the
 * purge interval.
 */
@CamelSpringBootTest
@SpringBootTest(classes = RouteTestContext.class, properties = {
        RouteTestContext.NO_DATABASE, "certbridge.data-dir=target/test-hub-data-routes-intake",
        RouteTestContext.ROUTES + "classpath:camel/routes/intake-recording.camel.yaml",
        "certbridge.intake.purge-interval-ms=40"})
class IntakeRecordingRouteTest {

    @MockitoBean(name = "intakeEventConsumer")
    IntakeEventConsumer consumer;

    /** Its timer runs through both tests: a stub reset between them would race its calls. */
    @MockitoBean(name = "intakeRetention", reset = MockReset.NONE)
    IntakeRetention retention;

    @Autowired
    CamelContext camel;

    @Value("${certbridge.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Value("${certbridge.kafka.topics.intake-events}")
    String topic;

    @Test
    void recordsWhatArrivesInOrderAndCommitsItOnceRecorded() throws Exception {
        BackboneTopic events = new BackboneTopic(bootstrapServers, topic);
        List<String> recorded = new CopyOnWriteArrayList<>();
        doAnswer(call -> {
            List<Exchange> batch = call.getArgument(0);
            batch.forEach(record -> recorded.add(record.getMessage().getBody(String.class)));
            return null;
        }).when(consumer).record(anyList());

        List<String> sent = List.of("{\"id\":\"evt_1\",\"source\":\"canvas\"}",
                "{\"id\":\"evt_2\",\"source\":\"moodle\"}", "{\"id\":\"evt_3\",\"source\":\"salesforce\"}",
                "{\"id\":\"evt_4\",\"source\":\"relay\"}");
        events.send(sent);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while ((recorded.size() < sent.size() || events.committed("certbridge-intake") < sent.size())
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(recorded).as("the events the recorder was handed").containsExactlyElementsOf(sent);
        assertThat(events.committed("certbridge-intake")).as("the offsets committed once recorded")
                .isEqualTo(sent.size());
    }

    @Test
    void purgesOldEventsEveryPurgeInterval() {
        assertThat(RouteTestContext.timerPeriod(camel, "intake-recording-retention"))
                .as("the timer's period, from certbridge.intake.purge-interval-ms").isEqualTo(40);
        verify(retention, timeout(5_000).atLeast(3)).purgeExpired();
    }
}
