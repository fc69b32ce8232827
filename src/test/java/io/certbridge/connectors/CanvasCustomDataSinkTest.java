package io.certbridge.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.emulator.CanvasEmulator;
import io.certbridge.emulator.RecordedRequest;
import io.certbridge.support.OutsideSystems;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

/**
 * connectors/canvas-custom-data-sink against the emulated Canvas: the body is PUT as the user's custom data at the
 * scope, with the API token; the same PUT again changes nothing; an answer other than 2xx is thrown with its status,
 * and the hub's http client does not send it again on its own (retrying is the delivery engine's).
 */
class CanvasCustomDataSinkTest extends KameletTestBase {

    private static final String KAMELET = "canvas-custom-data-sink";
    private static final String NAMESPACE = "com.example.certbridge";
    private static final String BODY = """
            {"ns":"com.example.certbridge","data":{"certificate_id":"cert_7Hc2","status":"issued"}}""";

    private final CanvasEmulator canvas = OutsideSystems.canvas();

    private static String user() {
        return String.valueOf(ThreadLocalRandom.current().nextLong(100_000, 999_999_999));
    }

    private Exchange put(String userId) {
        return call(KAMELET, Map.of("canvasUserId", userId, "canvasScope", "course_5"), BODY);
    }

    @Test
    void theBodyIsPutAsTheUsersCustomDataAtTheScopeWithTheApiToken() throws Exception {
        String user = user();

        Exchange answered = put(user);

        assertThat(answered.getException()).isNull();
        assertThat(answered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(201);
        RecordedRequest put = canvas.requests("/api/v1/users/" + user + "/").getFirst();
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.path()).isEqualTo("/api/v1/users/" + user + "/custom_data/course_5");
        assertThat(put.header("Authorization")).isEqualTo("Bearer " + OutsideSystems.CANVAS_API_TOKEN);
        assertThat(put.header("Content-Type")).startsWith("application/json");
        assertThat(new ObjectMapper().readTree(put.body())).isEqualTo(new ObjectMapper().readTree(BODY));
        assertThat(canvas.customData(user, NAMESPACE).get("course_5"))
                .isEqualTo(new ObjectMapper().readTree(BODY).get("data"));
    }

    @Test
    void aSisUserIdGoesIntoThePathUrlEncoded() {
        String sisId = "sis_user_id:A-" + user();

        Exchange answered = put(sisId.replace(":", "%3A"));

        assertThat(answered.getException()).isNull();
        assertThat(canvas.requests("/api/v1/users/" + sisId + "/custom_data/course_5")).hasSize(1);
        assertThat(canvas.customData(sisId, NAMESPACE)).isNotNull();
    }

    @Test
    void theSamePutAgainChangesNothing() {
        String user = user();
        put(user);
        JsonNode first = canvas.customData(user, NAMESPACE);

        Exchange again = put(user);

        assertThat(again.getException()).isNull();
        assertThat(again.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class)).isEqualTo(200);
        assertThat(canvas.customData(user, NAMESPACE)).isEqualTo(first);
    }

    @Test
    void aCanvasOutageIsThrownWithItsStatusAndAnswerAndNotSentAgain() {
        String user = user();
        canvas.failNext("/api/v1/users/" + user + "/", 1, 503, "text/html", "<h1>Service Unavailable</h1>");

        Exchange answered = put(user);

        assertThat(answered.getException()).isInstanceOfSatisfying(HttpOperationFailedException.class, failure -> {
            assertThat(failure.getStatusCode()).isEqualTo(503);
            assertThat(failure.getResponseBody()).contains("Service Unavailable");
        });
        assertThat(canvas.requests("/api/v1/users/" + user + "/")).hasSize(1);
        assertThat(canvas.customData(user, NAMESPACE)).isNull();
    }
}
