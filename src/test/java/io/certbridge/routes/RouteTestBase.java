package io.certbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.certbridge.CertbridgeApplication;
import io.certbridge.issuance.Certificate;
import io.certbridge.issuance.CertificateIssuer;
import io.certbridge.issuance.CertificateRequest;
import io.certbridge.issuance.WritebackTarget;
import io.certbridge.shared.Environment;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the tests of routes/delivery and routes/fan-out share: a hub of its own whose Camel context holds only these
 * two flows (and their error handling), started once for both test classes. Each flow is fed by direct: instead of
 * its timer or Kafka consumer, so that nothing runs but what a test sends: {@code direct:delivery} runs one sending
 * loop, whose calls to the connectors' Kamelets go to {@code mock:connector}; {@code direct:fan-out} takes a batch of
 * records as the batch source polls them, and {@code mock:committed} stands for its offset commit. The certificate
 * events a test feeds are the real ones: issuance writes them to the outbox, which no route relays here.
 * Deliveries that fail wait an hour, so that none comes due again by itself while the tests run.
 */
@CamelSpringBootTest
@UseAdviceWith
@SpringBootTest(classes = CertbridgeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "certbridge.data-dir=target/test-hub-data-routes",
                "certbridge.bootstrap-api-key=" + HubTest.BOOTSTRAP_KEY,
                "camel.main.routes-include-pattern=classpath:camel/routes/error-handling.camel.yaml,"
                        + "classpath:camel/routes/delivery.camel.yaml,classpath:camel/routes/fan-out.camel.yaml",
                "certbridge.deliveries.retry.first-backoff=1h",
                "certbridge.deliveries.retry.max-backoff=2h",
                "certbridge.deliveries.connectors.mail-smtp-sink.retry.first-backoff=1h",
                "certbridge.deliveries.connectors.mail-smtp-sink.retry.max-backoff=2h",
                "certbridge.deliveries.connectors.customer-webhook-sink.retry.schedule=1h,1h,1h,1h,1h,1h,1h",
                // SMTP is configured, so that certificate e-mails are sent (to the mock)
                "certbridge.mail.smtp.host=127.0.0.1",
                "certbridge.mail.smtp.from=certificates@hub.test",
                "certbridge.webhooks.allow-http=true",
                "certbridge.webhooks.allowed-networks[0]=127.0.0.1/32"
        })
abstract class RouteTestBase {

    /** A receiver's address for webhook endpoints; never called, the Kamelets are mocked. */
    static final String WEBHOOK_URL = "http://127.0.0.1:9/hook";

    @Autowired
    protected CamelContext camel;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    private CertificateIssuer issuer;

    @LocalServerPort
    private int port;

    @BeforeEach
    void feedTheFlowsByDirect() throws Exception {
        if (camel.isStarted()) {
            return;
        }
        AdviceWith.adviceWith(camel, "delivery", route -> {
            route.replaceFromWith("direct:delivery");
            route.weaveByToUri("kamelet:*").replace().to("mock:connector");
        });
        AdviceWith.adviceWith(camel, "fan-out", route -> {
            route.replaceFromWith("direct:fan-out");
            // the batch source commits the offsets once the route's last step is done
            route.weaveAddLast().to("mock:committed");
        });
        camel.start();
    }

    protected ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port, HubTest.BOOTSTRAP_KEY);
    }

    /** A template with a required "course" field, whose certificates are e-mailed or not. */
    protected String template(boolean emailDelivery) {
        ApiClient.Response created = api().post("/v1/templates", Map.of("name", "Route test " + UUID.randomUUID(),
                "email_delivery", emailDelivery,
                "fields", List.of(Map.of("name", "course", "type", "string", "required", true))));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    /** A live certificate of the template, written back to these places, as intake's rules ask. */
    protected String issue(String template, WritebackTarget... writebacks) {
        Certificate issued = issuer.issue(new CertificateRequest(null, Environment.LIVE.value(), template,
                new Certificate.Recipient("Ada Lovelace", "ada." + UUID.randomUUID() + "@example.com"),
                Map.of("course", TextNode.valueOf("Analytical Engines")), null, null, null,
                null, List.of(writebacks), null, false));
        return issued.id();
    }

    /** A customer's webhook endpoint subscribed to these event types; its id. */
    protected String webhookEndpoint(String... events) {
        ApiClient.Response created = api().post("/v1/webhook-endpoints",
                Map.of("url", WEBHOOK_URL, "events", List.of(events)));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.body().get("id").asText();
    }

    /** Every event announced about the certificate, oldest first, as the outbox holds it for Kafka. */
    protected List<String> events(String certificateId) {
        return jdbc.sql("select payload from outbox where message_key = ? order by id").param(certificateId)
                .query(String.class).list();
    }

    /** A polled batch of records of the certificate-events topic, as the fan-out's Kafka consumer hands it on. */
    protected List<Exchange> records(List<String> events) {
        return events.stream().map(event -> {
            Exchange record = new DefaultExchange(camel);
            record.getMessage().setBody(event);
            return record;
        }).toList();
    }

    /** The certificate's deliveries as GET /v1/deliveries shows them, oldest first. */
    protected List<JsonNode> deliveries(String certificateId) {
        JsonNode page = api().get("/v1/deliveries?certificate_id=" + certificateId).body();
        List<JsonNode> deliveries = new ArrayList<>();
        page.get("data").forEach(deliveries::add);
        return deliveries.reversed();
    }
}
