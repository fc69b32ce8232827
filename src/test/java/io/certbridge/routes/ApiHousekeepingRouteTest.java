package io.certbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import io.certbridge.api.Idempotency;
import io.certbridge.api.RateLimiter;
import io.certbridge.audit.AuditLog;
import io.certbridge.console.SignInThrottle;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * routes/api-housekeeping on its own: expired idempotency keys, ended rate-limit windows and console sign-in
 * failures past their window are dropped every purge interval, audit events past their retention every audit purge interval, and the counts of requests per API
 * key are shared every share interval, on timers of their own.
 */
@CamelSpringBootTest
@SpringBootTest(classes = RouteTestContext.class, properties = {
        RouteTestContext.NO_DATABASE, RouteTestContext.NO_KAFKA,
        RouteTestContext.ROUTES + "classpath:camel/routes/api-housekeeping.camel.yaml",
        "certbridge.api.purge-interval-ms=40", "certbridge.api.rate-limit-share-interval-ms=20",
        "certbridge.audit.purge-interval-ms=30"})
class ApiHousekeepingRouteTest {

    @MockitoBean(name = "idempotency")
    Idempotency idempotency;

    @MockitoBean(name = "rateLimiter")
    RateLimiter rateLimiter;

    @MockitoBean(name = "signInThrottle")
    SignInThrottle signInThrottle;

    @MockitoBean(name = "auditLog")
    AuditLog auditLog;

    @Autowired
    CamelContext camel;

    @Test
    void purgesEveryPurgeIntervalAndSharesTheCountsEveryShareInterval() {
        assertThat(RouteTestContext.timerPeriod(camel, "api-housekeeping")).as("from certbridge.api.purge-interval-ms")
                .isEqualTo(40);
        assertThat(RouteTestContext.timerPeriod(camel, "api-housekeeping-rate-limit-sharing"))
                .as("from certbridge.api.rate-limit-share-interval-ms").isEqualTo(20);
        assertThat(RouteTestContext.timerPeriod(camel, "api-housekeeping-audit-retention"))
                .as("from certbridge.audit.purge-interval-ms").isEqualTo(30);
        verify(idempotency, timeout(5_000).atLeast(3)).purgeExpired();
        verify(signInThrottle, timeout(5_000).atLeast(3)).purgeExpired();
        verify(auditLog, timeout(5_000).atLeast(3)).purgeExpired();
        verify(rateLimiter, timeout(5_000).atLeast(3)).purgeEndedWindows();
        verify(rateLimiter, timeout(5_000).atLeast(3)).share();
    }
}
