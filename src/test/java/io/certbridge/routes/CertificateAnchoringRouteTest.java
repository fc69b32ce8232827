package io.certbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.certbridge.anchoring.ChainAnchoring;
import io.certbridge.anchoring.WindowSealer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * routes/certificate-anchoring on its own: windows are sealed every seal interval, also after a pass that failed,
 * and the anchors sent are followed every poll interval, each step on a timer of its own.
 */
@CamelSpringBootTest
@SpringBootTest(classes = RouteTestContext.class, properties = {
        RouteTestContext.NO_DATABASE, RouteTestContext.NO_KAFKA,
        RouteTestContext.ROUTES + "classpath:camel/routes/certificate-anchoring.camel.yaml",
        "certbridge.anchoring.seal-interval-ms=20", "certbridge.anchoring.poll-interval-ms=30"})
class CertificateAnchoringRouteTest {

    @MockitoBean(name = "windowSealer")
    WindowSealer sealer;

    @MockitoBean(name = "chainAnchoring")
    ChainAnchoring anchoring;

    @Autowired
    CamelContext camel;

    /** One test: the timers run from the start, and a stub reset between tests would race their calls. */
    @Test
    void sealsEverySealIntervalEvenAfterAFailedPassAndFollowsTheAnchorsEveryPollInterval() throws Exception {
        when(sealer.sealDue()).thenThrow(new IllegalStateException("the database is gone")).thenReturn(2);
        // advanceAll is synchronized: a verify with a timeout would wait inside it, holding the timer out
        CountDownLatch followed = new CountDownLatch(3);
        doAnswer(call -> {
            followed.countDown();
            return null;
        }).when(anchoring).advanceAll();

        assertThat(RouteTestContext.timerPeriod(camel, "certificate-anchoring-sealing"))
                .as("from certbridge.anchoring.seal-interval-ms").isEqualTo(20);
        assertThat(RouteTestContext.timerPeriod(camel, "certificate-anchoring-tracking"))
                .as("from certbridge.anchoring.poll-interval-ms").isEqualTo(30);
        verify(sealer, timeout(5_000).atLeast(3)).sealDue();
        assertThat(followed.await(5, TimeUnit.SECONDS)).as("the anchors followed three times").isTrue();
    }
}
