package io.certbridge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.certbridge.support.ApiClient;
import io.certbridge.support.FreePort;
import io.certbridge.support.HubLog;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What an operator's log shows of a customer's failing webhook receiver: each failed try that will be tried
 * again is one WARN line naming the message, the endpoint, the status or error and the time of the next try;
 * a message given up is one ERROR line; never a stack trace. The shared test hub tries a message 6 times,
 * 200 ms apart (see OutsideSystems).
 */
@ExtendWith(OutputCaptureExtension.class)
class WebhookLogsTest extends HubTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final WebhookReceiver receiver = new WebhookReceiver();
    private final List<String> made = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        made.forEach(id -> api().delete("/v1/webhook-endpoints/" + id));
        receiver.close();
    }

    @Test
    void aReceiverThatFailsTwiceIsTwoWarnLinesAndNoError(CapturedOutput output) {
        String endpoint = endpoint(receiver.url());
        receiver.answer(503, 503);
        String certificate = issue("flaky@example.org");

        WebhookReceiver.Received delivered = await().atMost(WAIT).until(() -> receiver.received().stream()
                .filter(r -> r.answered() == 200 && r.body().contains(certificate)).findFirst().orElse(null),
                r -> r != null);

        List<String> lines = HubLog.linesWith(output, delivered.header("webhook-id"));
        assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line).contains(" WARN ", "certificate.issued",
                endpoint, "127.0.0.1", "HTTP 503", "next attempt at 20"));
        HubLog.assertNoErrorNorStackTrace(output);
    }

    @Test
    void aMessageGivenUpIsOneErrorLineAfterAWarnLinePerTry(CapturedOutput output) {
        String endpoint = endpoint("http://127.0.0.1:" + FreePort.closed() + "/hook");
        issue("nobody-listens@example.org");

        List<String> lines = await().atMost(WAIT).until(() -> HubLog.linesWith(output, endpoint),
                logged -> logged.size() >= 6);

        assertThat(lines).hasSize(6);
        assertThat(lines.subList(0, 5)).allSatisfy(line -> assertThat(line)
                .contains(" WARN ", "connection refused", "next attempt at 20"));
        assertThat(lines.get(5)).contains(" ERROR ", "given up after 6 attempt(s)", "connection refused");
        HubLog.assertNoStackTrace(output);
    }

    private String endpoint(String url) {
        ApiClient.Response created = api().post("/v1/webhook-endpoints",
                Map.of("url", url, "events", List.of("certificate.issued")));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        made.add(created.body().get("id").asText());
        return created.body().get("id").asText();
    }

    private String issue(String email) {
        return api().post("/v1/certificates", certificate(courseTemplate(), email)).body().get("id").asText();
    }
}
