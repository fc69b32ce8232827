package io.certbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import io.certbridge.reminders.ExpiryReminders;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** routes/expiry-reminders on its own: due reminders are sent every certbridge.reminders.interval-ms. */
@CamelSpringBootTest
@SpringBootTest(classes = RouteTestContext.class, properties = {
        RouteTestContext.NO_DATABASE, RouteTestContext.NO_KAFKA,
        RouteTestContext.ROUTES + "classpath:camel/routes/expiry-reminders.camel.yaml",
        "certbridge.reminders.interval-ms=30"})
class ExpiryRemindersRouteTest {

    @MockitoBean(name = "expiryReminders")
    ExpiryReminders reminders;

    @Autowired
    CamelContext camel;

    @Test
    void sendsTheDueRemindersEveryInterval() {
        assertThat(RouteTestContext.timerPeriod(camel, "expiry-reminders")).as("from certbridge.reminders.interval-ms")
                .isEqualTo(30);
        verify(reminders, timeout(5_000).atLeast(3)).sendDue();
    }
}
