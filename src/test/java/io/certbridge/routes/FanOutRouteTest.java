package io.certbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.issuance.WritebackTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routes/fan-out on its own: its Kafka consumer replaced by direct:fan-out, fed the certificate events issuance
 * announced, and its offset commit by a mock. Each event becomes the deliveries it asks for (the certificate's
 * write-backs, its e-mail, a message to each subscribed webhook endpoint), stored before the batch is committed; the
 * same event heard again plans nothing twice; a status change plans the write-backs again, with the next generation.
 */
class FanOutRouteTest extends RouteTestBase {

    private static final WritebackTarget CUSTOM_DATA = new WritebackTarget("canvas-custom-data-sink",
            Map.of("user_id", "41", "course_id", "5", "namespace", "com.example.certbridge"));
    private static final WritebackTarget COMMENT = new WritebackTarget("canvas-submission-comment-sink",
            Map.of("user_id", "41", "course_id", "5", "assignment_id", "355"));

    private MockEndpoint committed;
    private String endpoint;

    @BeforeEach
    void subscribe() {
        committed = camel.getEndpoint("mock:committed", MockEndpoint.class);
        committed.reset();
        endpoint = webhookEndpoint("certificate.issued");
    }

    /** Other tests' certificates are not this endpoint's business. */
    @AfterEach
    void unsubscribe() {
        api().delete("/v1/webhook-endpoints/" + endpoint);
    }

    private void feed(List<String> events) {
        camel.createProducerTemplate().sendBody("direct:fan-out", records(events));
    }

    /** What each delivery of the certificate is for (its key), and in which generation. */
    private Map<String, Integer> generations(String certificate) {
        return jdbc.sql("select delivery_key, generation from deliveries where certificate_id = ?")
                .param(certificate)
                .query((rs, row) -> Map.entry(rs.getString("delivery_key"), rs.getInt("generation"))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static Map<String, JsonNode> byConnector(List<JsonNode> deliveries) {
        return deliveries.stream().collect(Collectors.toMap(d -> d.get("connector").asText(), d -> d));
    }

    @Test
    void anIssuedCertificatesEventPlansEveryDeliveryItAsksForBeforeTheBatchIsCommitted() {
        String certificate = issue(template(true), CUSTOM_DATA, COMMENT);
        List<String> issued = events(certificate);
        AtomicInteger storedAtCommit = new AtomicInteger(-1);
        committed.whenAnyExchangeReceived(commit -> storedAtCommit.set(generations(certificate).size()));

        feed(issued);

        assertThat(storedAtCommit).as("deliveries stored when the offsets are committed").hasValue(4);
        Map<String, JsonNode> planned = byConnector(deliveries(certificate));
        assertThat(planned).containsOnlyKeys("canvas-custom-data-sink",
                "canvas-submission-comment-sink", "mail-smtp-sink", "customer-webhook-sink");
        assertThat(planned.values()).allSatisfy(delivery -> {
            assertThat(delivery.get("status").asText()).isEqualTo("pending");
            assertThat(delivery.get("attempts").asInt()).isZero();
        });
        assertThat(planned.get("canvas-custom-data-sink").get("target").get("user_id").asText())
                .isEqualTo("41");
        assertThat(planned.get("canvas-submission-comment-sink").at("/target/assignment_id").asText())
                .isEqualTo("355");
        assertThat(planned.get("mail-smtp-sink").at("/target/message_id").asText()).endsWith(".delivery@certbridge>");
        assertThat(planned.get("customer-webhook-sink").at("/target/endpoint_id").asText()).isEqualTo(endpoint);
        assertThat(generations(certificate)).containsOnlyKeys("writeback/" + certificate + "/0",
                "writeback/" + certificate + "/1", "email/" + certificate,
                "webhook/" + endpoint + "/" + planned.get("customer-webhook-sink").at("/target/event_id").asText());
        assertThat(committed.getReceivedExchanges()).singleElement().satisfies(commit ->
                assertThat(commit.getMessage().getBody(List.class)).hasSize(issued.size()));
    }

    @Test
    void anEventHeardAgainPlansNothingTwice() {
        String certificate = issue(template(true), CUSTOM_DATA);
        List<String> issued = events(certificate);
        feed(issued);
        List<JsonNode> first = deliveries(certificate);

        List<String> twiceInOneBatch = new ArrayList<>(issued);
        twiceInOneBatch.addAll(issued);
        feed(twiceInOneBatch);
        feed(issued);

        assertThat(deliveries(certificate)).extracting(d -> d.get("id").asText())
                .containsExactlyElementsOf(first.stream().map(d -> d.get("id").asText()).toList());
        assertThat(generations(certificate).values()).containsOnly(1);
        assertThat(committed.getReceivedExchanges()).hasSize(3);
    }

    @Test
    void aStatusChangePlansTheWriteBacksAgainWithTheNextGeneration() {
        String certificate = issue(template(true), CUSTOM_DATA, COMMENT);
        feed(events(certificate));
        assertThat(api().post("/v1/certificates/" + certificate + "/revoke", Map.of("reason", "test")).status())
                .isEqualTo(200);
        List<String> events = events(certificate);
        assertThat(events).hasSize(2);
        String revoked = events.get(1);

        feed(List.of(revoked));
        feed(List.of(revoked));

        Map<String, Integer> generations = generations(certificate);
        assertThat(generations).containsEntry("writeback/" + certificate + "/0", 2)
                .containsEntry("writeback/" + certificate + "/1", 2)
                .containsEntry("email/" + certificate, 1)
                .hasSize(4);
        assertThat(deliveries(certificate)).filteredOn(d -> d.get("connector").asText().startsWith("canvas-"))
                .hasSize(2).allSatisfy(d -> assertThat(d.get("status").asText()).isEqualTo("pending"));
    }

    @Test
    void anUnreadableRecordIsLeftOutAndTheRestOfItsBatchPlanned() {
        String certificate = issue(template(false), CUSTOM_DATA);
        List<String> batch = new ArrayList<>(List.of("{\"id\":\"evt_torn"));
        batch.addAll(events(certificate));

        feed(batch);

        assertThat(generations(certificate)).containsOnlyKeys("writeback/" + certificate + "/0",
                "webhook/" + endpoint + "/" + byConnector(deliveries(certificate)).get("customer-webhook-sink")
                        .at("/target/event_id").asText());
        assertThat(committed.getReceivedExchanges()).singleElement().satisfies(commit ->
                assertThat(commit.getMessage().getBody(List.class)).hasSize(2));
    }
}
