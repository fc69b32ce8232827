package io.certbridge.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.camel.OutsideSystemRefusal;
import io.certbridge.emulator.MoodleEmulator;
import io.certbridge.emulator.RecordedRequest;
import io.certbridge.support.OutsideSystems;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

/**
 * connectors/moodle-web-service-action against the emulated Moodle: the function's arguments are POSTed to
 * server.php as a form after the token, the function and the JSON format, and Moodle's JSON answer is the result;
 * Moodle's error JSON, which comes with HTTP 200, is thrown as an OutsideSystemRefusal in Moodle's words.
 */
class MoodleWebServiceActionTest extends KameletTestBase {

    private static final String LOOKUP = "moodle-web-service-action?function=core_user_get_users_by_field";

    private final MoodleEmulator moodle = OutsideSystems.moodle();
    private final long learner = ThreadLocalRandom.current().nextLong(100_000, 999_999_999);

    private RecordedRequest requestNaming(String value) {
        return moodle.requests(MoodleEmulator.ENDPOINT).stream().filter(r -> r.body().contains(value))
                .reduce((first, second) -> second).orElseThrow();
    }

    @Test
    void theArgumentsArePostedAfterTheTokenAndFunctionAndMoodlesJsonIsTheResult() throws Exception {
        moodle.addUser(learner, "Ada", "Lovelace", "ada." + learner + "@example.com");

        Exchange answered = call(LOOKUP, Map.of(), "field=id&values[0]=" + learner);

        assertThat(answered.getException()).isNull();
        JsonNode users = new ObjectMapper().readTree(answered.getMessage().getBody(String.class));
        assertThat(users).singleElement().satisfies(user -> {
            assertThat(user.get("id").asLong()).isEqualTo(learner);
            assertThat(user.get("email").asText()).isEqualTo("ada." + learner + "@example.com");
        });
        RecordedRequest request = requestNaming(String.valueOf(learner));
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.form()).containsExactly(
                Map.entry("wstoken", OutsideSystems.MOODLE_WS_TOKEN),
                Map.entry("wsfunction", "core_user_get_users_by_field"),
                Map.entry("moodlewsrestformat", "json"),
                Map.entry("field", "id"),
                Map.entry("values[0]", String.valueOf(learner)));
    }

    @Test
    void moodlesErrorJsonWithHttp200IsARefusalInMoodlesWords() {
        Exchange answered = call(LOOKUP, Map.of(), "field=nickname&values[0]=" + learner);

        assertThat(answered.getException()).isInstanceOfSatisfying(OutsideSystemRefusal.class, refusal -> {
            assertThat(refusal.getMessage()).startsWith("Moodle answered core_user_get_users_by_field with {")
                    .contains("\"exception\":\"coding_exception\"").contains("invalid field parameter");
            assertThat(refusal.getMessage()).doesNotContain(OutsideSystems.MOODLE_WS_TOKEN);
        });
    }

    @Test
    void aFunctionTheServiceDoesNotOfferIsARefusalToo() {
        Exchange answered = call("moodle-web-service-action?function=core_course_get_courses", Map.of(), "");

        assertThat(answered.getException()).isInstanceOf(OutsideSystemRefusal.class)
                .hasMessageStartingWith("Moodle answered core_course_get_courses with {")
                .hasMessageContaining("dml_missing_record_exception");
    }
}
