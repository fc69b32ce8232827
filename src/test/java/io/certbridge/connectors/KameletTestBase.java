package io.certbridge.connectors;

import io.certbridge.support.OutsideSystems;
import io.certbridge.support.OutsideTrustedForm;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.FluentProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the tests of the Kamelets in connectors/ share: one small context ({@link KameletContext}, started once for
 * all of them) and the emulated outside systems the hub tests talk to (cert.trustedform.com among them), with the
 * certbridge.* settings that point the Kamelets at them as application.yaml maps them to camel.kamelet.*. Each test
 * calls {@code kamelet:<name>} with the body and exchange properties the Kamelet documents, and reads what the outside
 * system received. (mail-smtp-sink's test needs other settings per test, so it has plain Camel contexts of its own:
 * {@link MailSmtpSinkTest}.)
 */
@CamelSpringBootTest
@SpringBootTest(classes = KameletContext.class, properties = {
        // no routes of routes/: only the Kamelets, which the kamelet component loads when called
        "camel.main.routes-collector-enabled=false",
        // no database and no Kafka here: set, so that the embedded default (EmbeddedInfrastructure) starts neither
        "spring.datasource.url=jdbc:postgresql://127.0.0.1:9/none",
        "certbridge.kafka.bootstrap-servers=127.0.0.1:9",
        // a lost answer must not take the tests' time, as in the hub tests
        "camel.kamelet.canvas-submission-comment-sink.responseTimeout=700",
        // customers' webhook receivers in the tests listen on loopback, which production refuses
        "certbridge.webhooks.allow-http=true",
        "certbridge.webhooks.allowed-networks[0]=127.0.0.1/32",
        "certbridge.webhooks.timeout=2s"
})
abstract class KameletTestBase {

    @Autowired
    private FluentProducerTemplate camel;

    @DynamicPropertySource
    static void outsideSystems(DynamicPropertyRegistry registry) {
        registry.add("certbridge.canvas.base-url", () -> OutsideSystems.canvas().baseUrl());
        registry.add("certbridge.canvas.api-token", () -> OutsideSystems.CANVAS_API_TOKEN);
        registry.add("certbridge.moodle.base-url", () -> OutsideSystems.moodle().baseUrl());
        registry.add("certbridge.moodle.ws-token", () -> OutsideSystems.MOODLE_WS_TOKEN);
        OutsideSystems.salesforceSettings().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("certbridge.trustedform.api-key", () -> OutsideTrustedForm.API_KEY);
        registry.add("certbridge.trustedform.allowed-url-prefix",
                () -> OutsideTrustedForm.trustedForm().certificateUrlPrefix());
    }

    /**
     * Calls the Kamelet with this body and these exchange properties; the exchange as it came back, with the
     * exception the Kamelet threw, if any.
     */
    protected Exchange call(String kamelet, Map<String, Object> properties, Object body) {
        return camel.to("kamelet:" + kamelet).withProcessor(exchange -> {
            properties.forEach(exchange::setProperty);
            exchange.getMessage().setBody(body);
        }).send();
    }
}
