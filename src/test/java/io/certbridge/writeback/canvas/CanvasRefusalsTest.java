package io.certbridge.writeback.canvas;

import static io.certbridge.delivery.Deliveries.claimed;
import static io.certbridge.delivery.Deliveries.retried;
import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.delivery.Result;
import java.util.Map;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

/**
 * Which of Canvas's answers are tried again and which are refusals that go straight to the dead letters, built from
 * the answers Canvas documents (../shared/reference/source-systems.md): its throttling is a 403 saying
 * "Rate Limit Exceeded", unlike the 403 of a token without the right.
 */
class CanvasRefusalsTest {

    private static final String URL = "https://school.instructure.com/api/v1/users/7/custom_data/course_5";

    @Test
    void canvasThrottlingAndServerErrorsPassOtherRefusalsDoNot() {
        assertThat(result(403, "403 Forbidden (Rate Limit Exceeded)\n")).isEqualTo(Result.THROTTLED);
        assertThat(result(503, "<h1>Service Unavailable</h1>")).isEqualTo(Result.SERVER_ERROR);
        assertThat(result(429, "")).isEqualTo(Result.THROTTLED);
        assertThat(result(403, "{\"errors\":[{\"message\":\"user not authorized to perform that action\"}]}"))
                .isEqualTo(Result.REFUSED);
        assertThat(result(401, "{\"errors\":[{\"message\":\"Invalid access token.\"}]}")).isEqualTo(Result.REFUSED);
        assertThat(result(409, "{\"message\":\"write conflict for custom_data hash\"}")).isEqualTo(Result.REFUSED);
    }

    @Test
    void theDefaultPolicyRetriesWhatPassesAndGivesUpARefusalAtOnce() {
        var writeback = claimed(CanvasCustomDataConnector.NAME, Map.of("user_id", "7"));
        assertThat(retried(CanvasAnswers.of(writeback, http(403, "403 Forbidden (Rate Limit Exceeded)")))).isTrue();
        assertThat(retried(CanvasAnswers.of(writeback, http(502, "")))).isTrue();
        assertThat(retried(CanvasAnswers.of(writeback, new java.net.ConnectException("Connection refused")))).isTrue();
        assertThat(retried(CanvasAnswers.of(writeback, http(404, "{\"errors\":[{\"message\":\"The specified resource "
                + "does not exist.\"}]}")))).isFalse();
    }

    @Test
    void theErrorSaysWhatCanvasAnswered() {
        var writeback = claimed(CanvasCustomDataConnector.NAME, Map.of("user_id", "7"));
        assertThat(CanvasAnswers.of(writeback, http(503, "<h1>Service\nUnavailable</h1>")).error())
                .isEqualTo("HTTP 503: <h1>Service Unavailable</h1>");
    }

    private static Result result(int status, String body) {
        return CanvasAnswers.of(claimed(CanvasCustomDataConnector.NAME, Map.of("user_id", "7")), http(status, body))
                .result();
    }

    private static HttpOperationFailedException http(int status, String body) {
        return new HttpOperationFailedException(URL, status, "", null, Map.of(), body);
    }
}
