package io.certbridge.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.emulator.CanvasEmulator;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubLog;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.OutsideSystems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * What an operator's log shows of a Canvas outage: each failed try of a write-back that will be tried again is
 * one WARN line naming the write-back, its target, Canvas's status and the time of the next try; nothing is
 * logged as an ERROR and no stack trace is printed until a write-back is given up, which is one ERROR line.
 * The shared test hub tries a write-back 4 times, 50 ms apart at first (see OutsideSystems).
 */
@ExtendWith(OutputCaptureExtension.class)
class WritebackLogsTest extends HubTestBase {

    private static final String NAMESPACE = "com.example.certbridge";
    private static final String OUTAGE =
            "<html><body><h1>503 Service Unavailable</h1>\n<p>Canvas is down</p></body></html>";

    private final CanvasEmulator canvas = OutsideSystems.canvas();

    @Test
    void aCanvasOutageIsOneWarnLinePerFailedTryAndNoErrorNorStackTrace(CapturedOutput output) {
        String course = newId();
        rule(course);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String user = newId();
            canvas.failNext("/api/v1/users/" + user + "/custom_data", 2, 503, "text/html", OUTAGE);
            deliver(user, course);
            users.add(user);
        }

        for (String user : users) {
            JsonNode writeback = awaitWriteback(user, "done");
            assertThat(writeback.get("attempts").asInt()).isEqualTo(3);
            List<String> lines = HubLog.linesWith(output, writeback.get("id").asText());
            assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line).contains(" WARN ",
                    "canvas-custom-data-sink", "user_id=" + user, "HTTP 503", "next attempt at 20"));
        }
        HubLog.assertNoErrorNorStackTrace(output);
    }

    @Test
    void aWriteBackGivenUpIsOneErrorLine(CapturedOutput output) {
        String course = newId(), user = newId();
        rule(course);
        canvas.failNext("/api/v1/users/" + user + "/custom_data", 4, 503, "text/html", OUTAGE);

        deliver(user, course);

        String id = awaitWriteback(user, "failed").get("id").asText();
        List<String> lines = await().atMost(Duration.ofSeconds(5)).until(() -> HubLog.linesWith(output, id),
                logged -> logged.size() >= 4);
        assertThat(lines).hasSize(4);
        assertThat(lines.subList(0, 3)).allSatisfy(line -> assertThat(line).contains(" WARN ", "next attempt at"));
        assertThat(lines.get(3)).contains(" ERROR ", "canvas-custom-data-sink", "user_id=" + user,
                "given up after 4 attempt(s)", "HTTP 503");
        HubLog.assertNoStackTrace(output);
    }

    private static String newId() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(100_000, 999_999_999));
    }

    private void rule(String course) {
        ApiClient.Response created = api().post("/v1/rules", Map.of(
                "name", "Canvas outage " + course, "source", "canvas", "event_type", "course_completed",
                "course_id", course, "template_id", courseTemplate(), "fields", Map.of("course", "$.course.name"),
                "writebacks", List.of(Map.of("type", "canvas_custom_data", "namespace", NAMESPACE))));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    }

    private void deliver(String user, String course) {
        String email = "outage." + user + "@example.com";
        String event = LmsPayloads.canvas("canvas-course_completed.json", user, course, email).toString();
        assertThat(hooks().post("/hooks/canvas", "application/jwt", canvas.signLiveEvent(event)).status())
                .isEqualTo(202);
    }

    private JsonNode awaitWriteback(String user, String status) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode certificates = api().get("/v1/certificates?recipient_email=outage." + user + "@example.com")
                    .body().get("data");
            return certificates.isEmpty() ? null : api().get("/v1/writebacks?certificate_id="
                    + certificates.get(0).get("id").asText()).body().at("/data/0");
        }, writeback -> writeback != null && writeback.path("status").asText().equals(status));
    }
}
