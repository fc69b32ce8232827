package io.certbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import io.certbridge.vault.VaultProcessing;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * routes/vault-processing on its own: the vault's entries are processed every poll interval, and unused files
 * forgotten once an hour (on its first tick, at start).
 */
@CamelSpringBootTest
@SpringBootTest(classes = RouteTestContext.class, properties = {
        RouteTestContext.NO_DATABASE, RouteTestContext.NO_KAFKA,
        RouteTestContext.ROUTES + "classpath:camel/routes/vault-processing.camel.yaml",
        "certbridge.vault.poll-interval-ms=30"})
class VaultProcessingRouteTest {

    @MockitoBean(name = "vaultProcessing")
    VaultProcessing processing;

    @Autowired
    CamelContext camel;

    @Test
    void processesEveryPollIntervalAndForgetsUnusedFilesHourly() throws Exception {
        assertThat(RouteTestContext.timerPeriod(camel, "vault-processing"))
                .as("from certbridge.vault.poll-interval-ms").isEqualTo(30);
        assertThat(RouteTestContext.timerPeriod(camel, "vault-processing-housekeeping")).isEqualTo(3_600_000);
        verify(processing, timeout(5_000).atLeast(3)).processDue();
        verify(processing, timeout(5_000)).forgetUnusedFiles();
    }
}
