package io.certbridge.intake.moodle;

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
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Moodle events as the local_webhooks plugin posts them, with the service token inside. */
class MoodleEventsTest {

    static final String TOKEN = "shared-secret-configured-in-local_webhooks";
    static final String COURSE_COMPLETED = "\\core\\event\\course_completed";

    final MoodleEvents moodle = moodle(new IntakeSettings.Moodle(TOKEN));

    static MoodleEvents moodle(IntakeSettings.Moodle settings) {
        return new MoodleEvents(eventFactory(), new IntakeSettings(null, settings, null, null, Duration.ofSeconds(10),
                Duration.ofDays(90), 3_600_000));
    }

    IntakeEvent read(ObjectNode event) {
        try {
            return moodle.read(MAPPER.writeValueAsBytes(event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode completionUpdated(int completionstate) {
        ObjectNode event = sample("moodle-course_module_completion_updated.json");
        ((ObjectNode) event.get("other")).put("completionstate", completionstate);
        return event;
    }

    @Test
    void courseCompletedNamesTheRelatedUserAsTheLearnerNotTheActor() {
        IntakeEvent event = moodle.read(payload("moodle-course_completed.json"));

        assertThat(event.source()).isEqualTo("moodle");
        assertThat(event.type()).isEqualTo(COURSE_COMPLETED);
        assertThat(event.learner()).isEqualTo(new Learner("41", null, null));
        assertThat(event.course()).isEqualTo(new Course("12", null));
        assertThat(event.tenant()).isEqualTo("moodle.example.com");
        assertThat(event.complete()).isTrue();
        assertThat(event.note()).isNull();
        assertThat(event.receivedAt()).isEqualTo(NOW);
    }

    @Test
    void theTokenIsRemovedFromTheEventData() {
        IntakeEvent event = moodle.read(payload("moodle-course_completed.json"));

        assertThat(event.data().has("token")).isFalse();
        assertThat(event.data().toString()).doesNotContain(TOKEN);
        ObjectNode withoutToken = sample("moodle-course_completed.json");
        withoutToken.remove("token");
        assertThat(event.data()).isEqualTo(withoutToken);
        assertThat(event.data().get("userid").asText()).isEqualTo("2");
    }

    @Test
    void idsSentAsNumbersGiveTheSameLearnerCourseAndKey() {
        ObjectNode numeric = sample("moodle-course_completed.json");
        numeric.put("objectid", 57).put("userid", 2).put("courseid", 12).put("relateduserid", 41)
                .put("contextinstanceid", 12);
        ((ObjectNode) numeric.get("other")).put("relateduserid", 41);

        IntakeEvent asNumbers = read(numeric);
        IntakeEvent asStrings = moodle.read(payload("moodle-course_completed.json"));

        assertThat(asNumbers.learner().id()).isEqualTo("41");
        assertThat(asNumbers.course().id()).isEqualTo("12");
        assertThat(asNumbers.eventKey()).isEqualTo(asStrings.eventKey());
    }

    @Test
    void theLearnerFallsBackToOtherRelateduserid() {
        ObjectNode older = sample("moodle-course_completed.json");
        older.putNull("relateduserid");

        assertThat(read(older).learner().id()).isEqualTo("41");
    }

    @Test
    void aWrongOrMissingTokenIsRejected() {
        ObjectNode wrong = sample("moodle-course_completed.json").put("token", "not-the-secret");
        ObjectNode missing = sample("moodle-course_completed.json");
        missing.remove("token");
        ObjectNode blank = sample("moodle-course_completed.json").put("token", "");
        ObjectNode notText = sample("moodle-course_completed.json");
        notText.putArray("token").add(TOKEN);

        assertThatThrownBy(() -> read(wrong)).isInstanceOf(SignatureRejected.class);
        assertThatThrownBy(() -> read(missing)).isInstanceOf(SignatureRejected.class);
        assertThatThrownBy(() -> read(blank)).isInstanceOf(SignatureRejected.class);
        assertThatThrownBy(() -> read(notText)).isInstanceOf(SignatureRejected.class);
    }

    @Test
    void withoutAConfiguredTokenNoEventIsAccepted() {
        byte[] body = payload("moodle-course_completed.json");

        assertThatThrownBy(() -> moodle(null).read(body)).isInstanceOf(SignatureRejected.class);
        assertThatThrownBy(() -> moodle(new IntakeSettings.Moodle(null)).read(body))
                .isInstanceOf(SignatureRejected.class);
        assertThatThrownBy(() -> moodle(new IntakeSettings.Moodle("")).read(body))
                .isInstanceOf(SignatureRejected.class);
    }

    @Test
    void aRelatedUserIdThatIsNotAMoodleIdIsRefused() {
        ObjectNode event = sample("moodle-course_completed.json").put("relateduserid", "41 OR 1=1");

        ApiProblem problem = refusal(() -> read(event));

        assertThat(problem).isNotNull();
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.code()).isEqualTo("invalid_event");
        assertThat(problem.detail()).isEqualTo("relateduserid must be a Moodle id (digits)");
    }

    @Test
    void aCourseIdThatIsNotAMoodleIdIsRefused() {
        ObjectNode event = sample("moodle-course_completed.json").put("courseid", "-12");

        ApiProblem problem = refusal(() -> read(event));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.code()).isEqualTo("invalid_event");
        assertThat(problem.detail()).isEqualTo("courseid must be a Moodle id (digits)");
    }

    @Test
    void anEventWithoutAnEventNameIsRefused() {
        ObjectNode event = sample("moodle-course_completed.json");
        event.remove("eventname");

        ApiProblem problem = refusal(() -> read(event));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.code()).isEqualTo("invalid_event");
        assertThat(problem.detail()).isEqualTo("eventname is missing");
    }

    @Test
    void aBodyThatIsNotAJsonObjectIsRefused() {
        for (String body : new String[] {"token=" + TOKEN, "[]", ""}) {
            ApiProblem problem = refusal(() -> moodle.read(body.getBytes()));
            assertThat(problem).as(body).isNotNull();
            assertThat(problem.status()).isEqualTo(400);
            assertThat(problem.code()).isEqualTo("invalid_event");
        }
    }

    @Test
    void aModuleCompletedOrPassedIsACompletion() {
        IntakeEvent passed = moodle.read(payload("moodle-course_module_completion_updated.json"));
        IntakeEvent completed = read(completionUpdated(1));

        assertThat(passed.type()).isEqualTo("\\core\\event\\course_module_completion_updated");
        assertThat(passed.complete()).isTrue();
        assertThat(passed.note()).isNull();
        assertThat(passed.learner().id()).isEqualTo("41");
        assertThat(passed.course().id()).isEqualTo("12");
        assertThat(completed.complete()).isTrue();
        assertThat(completed.note()).isNull();
    }

    @Test
    void aModuleFailedIsNotACompletion() {
        IntakeEvent failed = read(completionUpdated(3));
        IntakeEvent incomplete = read(completionUpdated(0));

        assertThat(failed.complete()).isFalse();
        assertThat(failed.note()).isEqualTo("completionstate 3 is not a completion");
        assertThat(incomplete.complete()).isFalse();
        assertThat(incomplete.note()).isEqualTo("completionstate 0 is not a completion");
    }

    @Test
    void aQuizAttemptSubmittedKeepsItsEventName() {
        IntakeEvent event = moodle.read(payload("moodle-quiz-attempt_submitted.json"));

        assertThat(event.type()).isEqualTo("\\mod_quiz\\event\\attempt_submitted");
        assertThat(event.complete()).isTrue();
        assertThat(event.note()).isNull();
        assertThat(event.learner().id()).isEqualTo("41");
        assertThat(event.course().id()).isEqualTo("12");
    }

    @Test
    void theEventKeyIsStableForTheSameEventAndDiffersByObjectId() {
        IntakeEvent first = moodle.read(payload("moodle-course_completed.json"));
        IntakeEvent again = moodle.read(payload("moodle-course_completed.json"));
        IntakeEvent otherCompletion = read(sample("moodle-course_completed.json").put("objectid", "58"));

        assertThat(first.eventKey()).isEqualTo(COURSE_COMPLETED + "/57/41/1730814120");
        assertThat(again.eventKey()).isEqualTo(first.eventKey());
        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(otherCompletion.eventKey()).isEqualTo(COURSE_COMPLETED + "/58/41/1730814120");
    }

    @Test
    void theEventKeyDoesNotDependOnTheExtraTextOrTheDelivery() {
        IntakeEvent first = moodle.read(payload("moodle-course_completed.json"));
        IntakeEvent withExtra = read(sample("moodle-course_completed.json").put("extra", "sent again by hand"));

        assertThat(withExtra.eventKey()).isEqualTo(first.eventKey());
        assertThat(withExtra.sha256()).isNotEqualTo(first.sha256());
    }
}
