package io.certbridge.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.emulator.CanvasEmulator;
import io.certbridge.emulator.RecordedRequest;
import io.certbridge.support.OutsideSystems;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

/**
 * connectors/canvas-submission-comment-sink against the emulated Canvas: it reads the submission's comments first
 * and comments only when none holds the marker, so that a retry after a lost answer posts nothing twice, while a
 * new marker (the certificate revoked) is a new comment.
 */
class CanvasSubmissionCommentSinkTest extends KameletTestBase {

    private static final String KAMELET = "canvas-submission-comment-sink";
    private static final String ASSIGNMENT = "355";
    private static final String USER = "4021";

    private final CanvasEmulator canvas = OutsideSystems.canvas();
    private final String course = String.valueOf(ThreadLocalRandom.current().nextLong(100_000, 999_999_999));

    private Exchange comment(String marker) {
        String text = "Your certificate is ready: https://hub.example/verify/cert_1 " + marker;
        return call(KAMELET, Map.of("canvasCourseId", course, "canvasAssignmentId", ASSIGNMENT, "canvasUserId", USER,
                        "canvasCommentMarker", marker),
                "comment[text_comment]=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
    }

    private List<RecordedRequest> requests() {
        return canvas.requests("/api/v1/courses/" + course + "/");
    }

    private List<String> comments() {
        return canvas.comments(course, ASSIGNMENT, USER);
    }

    @Test
    void aSubmissionWithoutTheMarkerIsReadThenCommentedOn() {
        Exchange answered = comment("[certbridge cert_1 issued]");

        assertThat(answered.getException()).isNull();
        String path = "/api/v1/courses/" + course + "/assignments/" + ASSIGNMENT + "/submissions/" + USER;
        assertThat(requests()).extracting(RecordedRequest::method).containsExactly("GET", "PUT");
        RecordedRequest read = requests().get(0);
        RecordedRequest post = requests().get(1);
        assertThat(read.path()).isEqualTo(path);
        assertThat(read.query()).isEqualTo("include%5B%5D=submission_comments");
        assertThat(post.path()).isEqualTo(path);
        assertThat(post.query()).isEmpty();
        assertThat(post.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(post.form()).containsExactly(Map.entry("comment[text_comment]",
                "Your certificate is ready: https://hub.example/verify/cert_1 [certbridge cert_1 issued]"));
        assertThat(List.of(read, post)).allSatisfy(request -> assertThat(request.header("Authorization"))
                .isEqualTo("Bearer " + OutsideSystems.CANVAS_API_TOKEN));
        assertThat(comments()).containsExactly(
                "Your certificate is ready: https://hub.example/verify/cert_1 [certbridge cert_1 issued]");
    }

    @Test
    void aRetryAfterALostAnswerFindsTheMarkerAndPostsNothing() {
        canvas.delayResponses("PUT", Duration.ofMillis(1_500));
        Exchange lost;
        try {
            lost = comment("[certbridge cert_1 issued]");
        } finally {
            canvas.delayResponses(Duration.ZERO);
        }
        assertThat(lost.getException()).as("the answer came after the response timeout").isNotNull();
        assertThat(comments()).hasSize(1);

        Exchange retried = comment("[certbridge cert_1 issued]");

        assertThat(retried.getException()).isNull();
        assertThat(requests()).extracting(RecordedRequest::method).containsExactly("GET", "PUT", "GET");
        assertThat(comments()).hasSize(1);
    }

    @Test
    void aNewMarkerIsANewComment() {
        comment("[certbridge cert_1 issued]");

        comment("[certbridge cert_1 revoked]");

        assertThat(comments()).hasSize(2);
        assertThat(comments().get(1)).endsWith("[certbridge cert_1 revoked]");
    }

    @Test
    void aCanvasOutageWhenReadingIsThrownWithItsStatusAndNothingIsPosted() {
        canvas.failNext("/api/v1/courses/" + course + "/", 1, 503, "text/html", "<h1>Service Unavailable</h1>");

        Exchange answered = comment("[certbridge cert_1 issued]");

        assertThat(answered.getException()).isInstanceOfSatisfying(HttpOperationFailedException.class,
                failure -> assertThat(failure.getStatusCode()).isEqualTo(503));
        assertThat(requests()).extracting(RecordedRequest::method).containsExactly("GET");
        assertThat(comments()).isEmpty();
    }
}
