package io.certbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.certbridge.backbone.OutboxRelay;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** routes/event-publishing on its own: the outbox is relayed every poll interval, also after a failed relay. */
@CamelSpringBootTest
@SpringBootTest(classes = RouteTestContext.class, properties = {
        RouteTestContext.NO_DATABASE, RouteTestContext.NO_KAFKA,
        RouteTestContext.ROUTES + "classpath:camel/routes/event-publishing.camel.yaml",
        "certbridge.outbox.poll-interval-ms=30"})
class EventPublishingRouteTest {

    @MockitoBean(name = "outboxRelay")
    OutboxRelay relay;

    @Autowired
    CamelContext camel;

    @Test
    void relaysTheOutboxEveryPollIntervalAndGoesOnAfterAFailedRelay() {
        when(relay.relayPending()).thenThrow(new IllegalStateException("Kafka did not acknowledge an outbox message"))
                .thenReturn(3);

        assertThat(RouteTestContext.timerPeriod(camel, "event-publishing"))
                .as("the timer's period, from certbridge.outbox.poll-interval-ms").isEqualTo(30);
        verify(relay, timeout(5_000).atLeast(3)).relayPending();
    }
}
