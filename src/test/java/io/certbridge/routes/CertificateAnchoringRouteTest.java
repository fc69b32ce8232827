package io.certbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.certbridge.anchoring.ChainAnchoring;
import io.certbridge.anchoring.WindowSealer;
import org.apache.camel.CamelContext;
import org.apache.camel.component.timer.TimerEndpoint;
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
@SpringBootTest(classes = RouteTestApplication.class, properties = {
        RouteTestApplication.NO_DATABASE, RouteTestApplication.NO_KAFKA,
        RouteTestApplication.ROUTES + "classpath:camel/routes/certificate-anchoring.camel.yaml",
        "certbridge.anchoring.seal-interval-ms=20", "certbridge.anchoring.poll-interval-ms=30"})
class CertificateAnchoringRouteTest {

    @MockitoBean(name = "windowSealer")
    WindowSealer sealer;

    @MockitoBean(name = "chainAnchoring")
    ChainAnchoring anchoring;

    @Autowired
    CamelContext camel;

    @Test
    void sealsEverySealIntervalAndGoesOnAfterAFailedPass() {
        when(sealer.sealDue()).thenThrow(new IllegalStateException("the database is gone")).thenReturn(2);

        assertThat(periodOf("certificate-anchoring-sealing")).as("from certbridge.anchoring.seal-interval-ms")
                .isEqualTo(20);
        verify(sealer, timeout(5_000).atLeast(3)).sealDue();
    }

    @Test
    void followsTheAnchorsSentEveryPollInterval() throws Exception {
        assertThat(periodOf("certificate-anchoring-tracking")).as("from certbridge.anchoring.poll-interval-ms")
                .isEqualTo(30);
        verify(anchoring, timeout(5_000).atLeast(3)).advanceAll();
    }

    private long periodOf(String routeId) {
        return ((TimerEndpoint) camel.getRoute(routeId).getEndpoint()).getPeriod();
    }
}
