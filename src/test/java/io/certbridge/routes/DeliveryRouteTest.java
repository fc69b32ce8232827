package io.certbridge.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.delivery.DeliveryQueue;
import io.certbridge.fanout.FanOut;
import io.certbridge.issuance.WritebackTarget;
import io.certbridge.webhooks.GuardedHttpClient;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * routes/delivery on its own: its timer replaced by direct:delivery, its call to the connector's Kamelet by a mock
 * that answers as the outside system would. One round claims what is due, has each connector prepare its call, and
 * records what the answer means under the connector's retry policy, as GET /v1/deliveries shows it: delivered;
 * pending, with its next attempt after the policy's back-off; or failed (a dead letter) at once, or after the
 * policy's last attempt. The deliveries are planned from the certificates' real events, as the fan-out plans them.
 */
class DeliveryRouteTest extends RouteTestBase {

    /** The back-off of every policy in these tests (RouteTestBase), give or take its tenth of jitter. */
    private static final Duration BACK_OFF = Duration.ofHours(1);

    @Autowired
    private FanOut fanOut;

    @Autowired
    private DeliveryQueue queue;

    private MockEndpoint connector;

    /** Sends what another test left due, so that a test's round sends only its own deliveries. */
    @BeforeEach
    void sendWhatIsDue() throws Exception {
        connector = camel.getEndpoint("mock:connector", MockEndpoint.class);
        connector.whenAnyExchangeReceived(DeliveryRouteTest::answerOk);
        round();
        connector.reset();
    }

    private static void answerOk(Exchange call) {
        call.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        call.getMessage().setBody(new GuardedHttpClient.Response(200, "", Map.of(), Duration.ofMillis(3)));
    }

    private void round() {
        camel.createProducerTemplate().sendBody("direct:delivery", null);
    }

    private void answer(Processor outsideSystem) {
        connector.whenAnyExchangeReceived(outsideSystem);
    }

    /** A certificate whose issued event the fan-out has planned; its id. */
    private String planned(boolean emailed, WritebackTarget... writebacks) throws Exception {
        String certificate = issue(template(emailed), writebacks);
        fanOut.plan(records(events(certificate)));
        return certificate;
    }

    private static WritebackTarget canvasCustomData() {
        String user = String.valueOf(ThreadLocalRandom.current().nextLong(100_000, 999_999_999));
        return new WritebackTarget("canvas-custom-data-sink",
                Map.of("user_id", user, "course_id", "5", "namespace", "com.example.certbridge"));
    }

    private static HttpOperationFailedException canvasAnswered(int status, String body) {
        return new HttpOperationFailedException("http://canvas.test/api/v1/users/41/custom_data/course_5", status,
                "", null, Map.of(), body);
    }

    private JsonNode only(String certificate) {
        List<JsonNode> deliveries = deliveries(certificate);
        assertThat(deliveries).hasSize(1);
        return deliveries.getFirst();
    }

    private static Instant nextAttempt(JsonNode delivery) {
        return Instant.parse(delivery.get("next_attempt_at").asText());
    }

    @Test
    void aWriteBackTheSystemTakesIsDelivered() throws Exception {
        String certificate = planned(false, canvasCustomData());
        answer(DeliveryRouteTest::answerOk);

        round();

        JsonNode delivery = only(certificate);
        assertThat(delivery.get("connector").asText()).isEqualTo("canvas-custom-data-sink");
        assertThat(delivery.get("status").asText()).isEqualTo("delivered");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.at("/attempt_log/0/outcome").asText()).isEqualTo("delivered");
        Exchange call = connector.getReceivedExchanges().getFirst();
        assertThat(call.getProperty("connector")).isEqualTo("canvas-custom-data-sink");
        assertThat(call.getProperty("canvasUserId")).isEqualTo(delivery.at("/target/user_id").asText());
        assertThat(call.getProperty("canvasScope")).isEqualTo("course_5");
        assertThat(call.getMessage().getBody(String.class)).contains("\"certificate_id\":\"" + certificate + "\"");
    }

    @Test
    void aServerErrorIsPendingUntilTheNextAttemptOfTheConnectorsBackOff() throws Exception {
        String certificate = planned(false, canvasCustomData());
        answer(call -> {
            throw canvasAnswered(503, "<h1>Service Unavailable</h1>");
        });

        Instant sent = Instant.now();
        round();

        JsonNode delivery = only(certificate);
        assertThat(delivery.get("status").asText()).isEqualTo("pending");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.get("last_error").asText()).isEqualTo("HTTP 503: <h1>Service Unavailable</h1>");
        assertThat(nextAttempt(delivery)).isCloseTo(sent.plus(BACK_OFF), within(7, ChronoUnit.MINUTES));
        assertThat(delivery.at("/attempt_log/0/outcome").asText()).isEqualTo("server_error");
        assertThat(delivery.at("/attempt_log/0/status_code").asInt()).isEqualTo(503);
    }

    @Test
    void aRefusalIsADeadLetterAtOnce() throws Exception {
        String certificate = planned(false, canvasCustomData());
        answer(call -> {
            throw canvasAnswered(404, "{\"errors\":[{\"message\":\"The specified resource does not exist.\"}]}");
        });

        round();

        JsonNode delivery = only(certificate);
        assertThat(delivery.get("status").asText()).isEqualTo("failed");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.get("last_error").asText()).startsWith("HTTP 404: ");
        assertThat(api().get("/v1/deliveries?status=failed&certificate_id=" + certificate).body().get("data"))
                .hasSize(1);
    }

    @Test
    void aCustomerWebhookIsSignedAndItsRefusalRetriedOnItsOwnSchedule() throws Exception {
        String endpoint = webhookEndpoint("certificate.issued");
        try {
            String certificate = planned(false);
            answer(call -> call.getMessage().setBody(
                    new GuardedHttpClient.Response(400, "unknown event", Map.of(), Duration.ofMillis(4))));

            Instant sent = Instant.now();
            round();

            JsonNode delivery = only(certificate);
            assertThat(delivery.get("connector").asText()).isEqualTo("customer-webhook-sink");
            assertThat(delivery.get("status").asText()).as("its policy retries refusals").isEqualTo("pending");
            assertThat(delivery.get("last_error").asText()).isEqualTo("HTTP 400");
            assertThat(nextAttempt(delivery)).isCloseTo(sent.plus(BACK_OFF), within(7, ChronoUnit.MINUTES));
            Exchange call = connector.getReceivedExchanges().getFirst();
            assertThat(call.getProperty("webhookUrl")).isEqualTo(WEBHOOK_URL);
            @SuppressWarnings("unchecked")
            Map<String, String> headers = call.getProperty("webhookHeaders", Map.class);
            assertThat(headers).containsEntry("webhook-id", delivery.get("id").asText())
                    .containsKeys("webhook-timestamp", "webhook-signature");
            assertThat(new String(call.getMessage().getBody(byte[].class))).contains("\"type\":\"certificate.issued\"");
        } finally {
            // its messages wait while it is gone, and hear of no other test's certificates
            api().delete("/v1/webhook-endpoints/" + endpoint);
        }
    }

    @Test
    void anEmailTheServerNeverTakesFailsAfterItsPolicysLastAttempt() throws Exception {
        String certificate = planned(true);
        answer(call -> {
            throw new MessagingException("Couldn't connect to host, port: 127.0.0.1, 465");
        });
        String id = only(certificate).get("id").asText();

        for (int attempt = 1; attempt < 5; attempt++) {
            round();
            assertThat(only(certificate).get("status").asText()).as("after attempt " + attempt).isEqualTo("pending");
            queue.resend(id);
        }
        round();

        JsonNode delivery = only(certificate);
        assertThat(delivery.get("connector").asText()).isEqualTo("mail-smtp-sink");
        assertThat(delivery.get("status").asText()).isEqualTo("failed");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(5);
        assertThat(delivery.get("attempt_log")).hasSize(5)
                .allSatisfy(attempt -> assertThat(attempt.get("outcome").asText()).isEqualTo("unreachable"));
        MimeMessage mail = connector.getReceivedExchanges().getFirst().getMessage().getBody(MimeMessage.class);
        assertThat(mail.getMessageID()).isEqualTo(delivery.at("/target/message_id").asText());
        assertThat(connector.getReceivedExchanges()).extracting(e -> e.getMessage().getBody(MimeMessage.class)
                .getMessageID()).containsOnly(mail.getMessageID());
    }

    @Test
    void theDeliveriesOfASystemThatIsNotConfiguredWait() throws Exception {
        String certificate = planned(false, new WritebackTarget("salesforce-update-sobject-sink",
                Map.of("sobject", "Contact", "record_id", "003000000000001AAA",
                        "fields", Map.of("Certificate_Status__c", "status"))));
        answer(DeliveryRouteTest::answerOk);

        round();

        JsonNode delivery = only(certificate);
        assertThat(delivery.get("status").asText()).isEqualTo("pending");
        assertThat(delivery.get("attempts").asInt()).isZero();
        assertThat(connector.getReceivedExchanges()).isEmpty();
    }
}
