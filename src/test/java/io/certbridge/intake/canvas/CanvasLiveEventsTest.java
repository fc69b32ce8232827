package io.certbridge.intake.canvas;

import static io.certbridge.intake.IntakeFixtures.CLOCK;
import static io.certbridge.intake.IntakeFixtures.MAPPER;
import static io.certbridge.intake.IntakeFixtures.NOW;
import static io.certbridge.intake.IntakeFixtures.eventFactory;
import static io.certbridge.intake.IntakeFixtures.payload;
import static io.certbridge.intake.IntakeFixtures.refusal;
import static io.certbridge.intake.IntakeFixtures.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.api.ApiProblem;
import io.certbridge.intake.IntakeEvent;
import io.certbridge.intake.IntakeEvent.Course;
import io.certbridge.intake.IntakeEvent.Learner;
import io.certbridge.intake.IntakeSettings;
import io.certbridge.intake.SignatureRejected;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Canvas Live Events delivered as unsigned JSON on a URL carrying the configured token. */
class CanvasLiveEventsTest {

    static final String TOKEN = "url-token";
    static final String TENANT = "VicYj3cu5BIFpoZhDVU4DZumnlBrWi1grgJEzADs";

    final CanvasLiveEvents canvas = canvas(new IntakeSettings.Canvas(null, Duration.ofSeconds(1), TOKEN));

    static CanvasLiveEvents canvas(IntakeSettings.Canvas settings) {
        return new CanvasLiveEvents(eventFactory(), new IntakeSettings(settings, null, null, null,
                Duration.ofSeconds(10), Duration.ofDays(90), 3_600_000), CLOCK);
    }

    static byte[] bytes(Object json) {
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    IntakeEvent read(String sample) {
        return canvas.read(payload(sample), TOKEN);
    }

    static ApiProblem problem(Runnable delivery) {
        return refusal(delivery::run);
    }

    @Test
    void unsignedJsonWithTheUrlTokenIsAccepted() {
        IntakeEvent event = read("canvas-course_completed.json");

        assertThat(event.source()).isEqualTo("canvas");
        assertThat(event.type()).isEqualTo("course_completed");
        assertThat(event.id()).startsWith("iev_");
        assertThat(event.receivedAt()).isEqualTo(NOW);
    }

    @Test
    void unsignedJsonWithoutTheUrlTokenIsRejected() {
        byte[] body = payload("canvas-course_completed.json");

        assertThatThrownBy(() -> canvas.read(body, null)).isInstanceOf(SignatureRejected.class);
        assertThatThrownBy(() -> canvas.read(body, "")).isInstanceOf(SignatureRejected.class);
        assertThatThrownBy(() -> canvas.read(body, "url-tokeN")).isInstanceOf(SignatureRejected.class);
        assertThatThrownBy(() -> canvas.read(body, "url-token-and-more")).isInstanceOf(SignatureRejected.class);
    }

    @Test
    void withoutAConfiguredUrlTokenNoUnsignedJsonIsAccepted() {
        CanvasLiveEvents noToken = canvas(new IntakeSettings.Canvas(null, Duration.ofSeconds(1), null));
        CanvasLiveEvents noCanvas = canvas(null);
        byte[] body = payload("canvas-course_completed.json");

        assertThatThrownBy(() -> noToken.read(body, null)).isInstanceOf(SignatureRejected.class);
        assertThatThrownBy(() -> noToken.read(body, TOKEN)).isInstanceOf(SignatureRejected.class);
        assertThatThrownBy(() -> noCanvas.read(body, TOKEN)).isInstanceOf(SignatureRejected.class);
    }

    @Test
    void aSignedEventIsRejectedWhenNoJwksIsConfigured() {
        assertThatThrownBy(() -> canvas.read(bytes("eyJhbGciOiJSUzI1NiJ9.eyJhIjoxfQ.c2ln"), TOKEN))
                .isInstanceOf(SignatureRejected.class);
    }

    @Test
    void courseCompletedFromAJobNamesTheLearnerAndCourseFromTheBody() {
        IntakeEvent event = read("canvas-course_completed.json");

        assertThat(event.learner()).isEqualTo(new Learner("123", "Ada Lovelace", "ada.lovelace@example.com"));
        assertThat(event.course()).isEqualTo(new Course("565", "Computer Science I"));
        assertThat(event.tenant()).isEqualTo(TENANT);
        assertThat(event.complete()).isTrue();
        assertThat(event.note()).isNull();
    }

    @Test
    void courseCompletedFromARequestTakesTheLearnerFromTheBodyNotTheMetadata() {
        IntakeEvent event = read("canvas-course_completed-user_generated.json");

        assertThat(event.learner().id()).isEqualTo("123");
        assertThat(event.learner()).isEqualTo(new Learner("123", "Ada Lovelace", "ada.lovelace@example.com"));
        assertThat(event.course().id()).isEqualTo("565");
        assertThat(event.tenant()).isEqualTo(TENANT);
        assertThat(event.complete()).isTrue();
    }

    @Test
    void theEventDataIsTheMetadataAndBody() {
        IntakeEvent event = read("canvas-course_completed.json");

        assertThat(event.data()).isEqualTo(sample("canvas-course_completed.json"));
        assertThat(event.data().at("/body/progress/completed_at").asText()).isEqualTo("2024-11-05T13:38:00Z");
        assertThat(event.sha256()).matches("[0-9a-f]{64}");
    }

    @Test
    void courseProgressShortOfTheRequirementsIsNotACompletion() {
        IntakeEvent event = read("canvas-course_progress.json");

        assertThat(event.type()).isEqualTo("course_progress");
        assertThat(event.complete()).isFalse();
        assertThat(event.note()).isEqualTo("5 of 6 requirements completed");
        assertThat(event.learner().id()).isEqualTo("123");
        assertThat(event.course().id()).isEqualTo("565");
    }

    @Test
    void courseProgressWithEveryRequirementMetIsACompletion() {
        ObjectNode progress = sample("canvas-course_progress.json");
        ((ObjectNode) progress.at("/body/progress")).put("requirement_completed_count", 6);

        IntakeEvent event = canvas.read(bytes(progress), TOKEN);

        assertThat(event.complete()).isTrue();
        assertThat(event.note()).isNull();
    }

    @Test
    void courseProgressOfACourseWithoutModulesIsNotACompletion() {
        IntakeEvent event = read("canvas-course_progress-not_module_based.json");

        assertThat(event.complete()).isFalse();
        assertThat(event.note()).startsWith("Canvas: ").contains("not module based");
        assertThat(event.course()).isEqualTo(new Course("566", "Course Without Module Requirements"));
    }

    @Test
    void courseProgressWithoutProgressIsNotACompletion() {
        ObjectNode progress = sample("canvas-course_progress.json");
        ((ObjectNode) progress.get("body")).remove("progress");

        IntakeEvent event = canvas.read(bytes(progress), TOKEN);

        assertThat(event.complete()).isFalse();
        assertThat(event.note()).isEqualTo("the event carries no progress");
    }

    @Test
    void anEmailKeyDroppedByCompactModeGivesNoEmail() {
        ObjectNode completed = sample("canvas-course_completed.json");
        ((ObjectNode) completed.at("/body/user")).remove("email");

        IntakeEvent event = canvas.read(bytes(completed), TOKEN);

        assertThat(event.learner()).isEqualTo(new Learner("123", "Ada Lovelace", null));
        assertThat(event.complete()).isTrue();
    }

    @Test
    void aNullEmailGivesNoEmail() {
        ObjectNode completed = sample("canvas-course_completed.json");
        ((ObjectNode) completed.at("/body/user")).putNull("email");

        IntakeEvent event = canvas.read(bytes(completed), TOKEN);

        assertThat(event.learner()).isEqualTo(new Learner("123", "Ada Lovelace", null));
    }

    @Test
    void gradeChangeTakesTheLearnerFromTheBodysUserId() {
        IntakeEvent event = read("canvas-grade_change.json");

        assertThat(event.type()).isEqualTo("grade_change");
        assertThat(event.learner()).isEqualTo(new Learner("21070000000000123", null, null));
        assertThat(event.learner().id()).isNotEqualTo("21070000000000987"); // metadata.user_id, the grader
        assertThat(event.tenant()).isEqualTo(TENANT);
        assertThat(event.complete()).isTrue();
    }

    @Test
    void theSameDeliveryTwiceHasTheSameEventKey() {
        byte[] body = payload("canvas-course_completed.json");

        IntakeEvent first = canvas.read(body, TOKEN);
        IntakeEvent again = canvas.read(body, TOKEN);

        assertThat(again.eventKey()).isEqualTo(first.eventKey());
        assertThat(again.sha256()).isEqualTo(first.sha256());
        assertThat(again.id()).isNotEqualTo(first.id());
    }

    @Test
    void anotherEventTimeIsAnotherEvent() {
        ObjectNode later = sample("canvas-course_completed.json");
        ((ObjectNode) later.get("metadata")).put("event_time", "2024-11-05T13:40:02.119Z");

        IntakeEvent first = read("canvas-course_completed.json");
        IntakeEvent second = canvas.read(bytes(later), TOKEN);

        assertThat(second.eventKey()).isNotEqualTo(first.eventKey());
        assertThat(second.learner()).isEqualTo(first.learner());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json at all",
            "{\"metadata\": {\"event_name\": \"course_completed\"}, \"body\": ",
            "[{\"metadata\": {\"event_name\": \"course_completed\"}, \"body\": {}}]",
            "\"course_completed\"",
            "{}",
            "{\"metadata\": {\"event_name\": \"course_completed\"}}",
            "{\"body\": {\"user\": {\"id\": \"123\"}}}",
            "{\"metadata\": \"course_completed\", \"body\": {}}",
            "{\"metadata\": {\"event_name\": \"course_completed\"}, \"body\": [1]}",
            "{\"metadata\": {\"producer\": \"canvas\"}, \"body\": {\"user\": {\"id\": \"123\"}}}",
            "{\"metadata\": {\"event_name\": null}, \"body\": {}}",
            ""})
    void aMalformedEventIsRefusedAsInvalid(String body) {
        ApiProblem problem = problem(() -> canvas.read(bytes(body), TOKEN));

        assertThat(problem).as("the problem for %s", body).isNotNull();
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.code()).isEqualTo("invalid_event");
    }

    @Test
    void aMissingEventNameIsNamed() {
        ApiProblem problem = problem(() -> canvas.read(bytes("{\"metadata\": {}, \"body\": {}}"), TOKEN));

        assertThat(problem.detail()).isEqualTo("metadata.event_name is missing");
    }

    @Test
    void aMalformedEventWithoutTheTokenIsRejectedBeforeItIsRead() {
        assertThatThrownBy(() -> canvas.read(bytes("not json at all"), null)).isInstanceOf(SignatureRejected.class);
    }
}
