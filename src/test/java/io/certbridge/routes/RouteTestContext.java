package io.certbridge.routes;

import io.certbridge.camel.TemplatedRoutes;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.springboot.KafkaComponentAutoConfiguration;
import org.apache.camel.component.timer.TimerEndpoint;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;

/**
 * Camel and nothing else of the hub, for testing one route file on its own: the files a test names in
 * camel.main.routes-include-pattern, the Kamelets of connectors/, the hub's Camel glue (io.certbridge.camel) and
 * application.yaml's settings. The beans the routes call are the test's stubs. Deliberately no @Configuration:
 * the hub scans io.certbridge, and a hub started on the test class path would take this class in.
 */
@ImportAutoConfiguration({CamelAutoConfiguration.class, KafkaComponentAutoConfiguration.class})
@ComponentScan(basePackageClasses = TemplatedRoutes.class)
final class RouteTestContext {

    /** These contexts have no database: a URL of one keeps the hub's embedded PostgreSQL from starting. */
    static final String NO_DATABASE = "spring.datasource.url=jdbc:postgresql://127.0.0.1:1/none";

    /** The same for Kafka, in the tests of routes that do not consume it. */
    static final String NO_KAFKA = "certbridge.kafka.bootstrap-servers=127.0.0.1:1";

    /** The loading pattern of the route files named, with the error handling every route opts in to. */
    static final String ROUTES = "camel.main.routes-include-pattern=classpath:camel/routes/error-handling.camel.yaml,";

    private RouteTestContext() {
    }

    /** How often the timer a route starts from fires, in milliseconds. */
    static long timerPeriod(CamelContext camel, String routeId) {
        return ((TimerEndpoint) camel.getRoute(routeId).getEndpoint()).getPeriod();
    }
}
