package io.certbridge.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.support.FreePort;
import io.certbridge.support.WebhookReceiver;
import io.certbridge.webhooks.DeliveryFailedException;
import io.certbridge.webhooks.GuardedHttpClient;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * connectors/customer-webhook-sink against a customer's receiver: the exact bytes and the Standard Webhooks headers
 * are POSTed to the URL; whatever the receiver answers is the result, redirects included (never followed); only a
 * call that got no answer, or that the SSRF guard refused, is thrown.
 */
class CustomerWebhookSinkTest extends KameletTestBase {

    private static final String KAMELET = "customer-webhook-sink";
    private static final byte[] MESSAGE = """
            {"type":"certificate.issued","timestamp":"2026-12-01T10:00:00Z","data":{"id":"cert_7Hc2","object":"certificate"}}"""
            .getBytes(StandardCharsets.UTF_8);

    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    private static Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        headers.put("webhook-id", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W");
        headers.put("webhook-timestamp", "1764583200");
        headers.put("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        return headers;
    }

    private Exchange post(String url) {
        return call(KAMELET, Map.of("webhookUrl", url, "webhookHeaders", headers()), MESSAGE);
    }

    @Test
    void theExactBytesAndTheHeadersArePostedAndTheAnswerIsTheResult() {
        Exchange answered = post(receiver.url());

        assertThat(answered.getException()).isNull();
        assertThat(answered.getMessage().getBody(GuardedHttpClient.Response.class).status()).isEqualTo(200);
        assertThat(receiver.received()).singleElement().satisfies(received -> {
            assertThat(received.body()).isEqualTo(new String(MESSAGE, StandardCharsets.UTF_8));
            headers().forEach((name, value) -> assertThat(received.header(name)).as(name).isEqualTo(value));
        });
    }

    @Test
    void aFailingReceiversAnswerIsTheResultNotAnException() {
        receiver.answer(503);

        Exchange answered = post(receiver.url());

        assertThat(answered.getException()).isNull();
        GuardedHttpClient.Response response = answered.getMessage().getBody(GuardedHttpClient.Response.class);
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.elapsed()).isPositive();
    }

    @Test
    void aRedirectIsAnsweredNotFollowed() {
        receiver.answer(307);

        Exchange answered = post(receiver.url());

        assertThat(answered.getMessage().getBody(GuardedHttpClient.Response.class).status()).isEqualTo(307);
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void noAnswerIsThrownAsAFailedDelivery() {
        Exchange answered = post("http://127.0.0.1:" + FreePort.closed() + "/hook");

        assertThat(answered.getException()).isInstanceOf(DeliveryFailedException.class)
                .hasMessage("connection refused");
    }

    @Test
    void anAddressTheGuardRefusesIsNeverCalled() {
        Exchange answered = post("http://169.254.169.254/latest/meta-data/");

        assertThat(answered.getException()).isInstanceOf(DeliveryFailedException.class)
                .hasMessageContaining("169.254.169.254").hasMessageContaining("not public");
    }
}
