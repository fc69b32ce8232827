package io.certbridge.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.camel.OutsideSystemRefusal;
import io.certbridge.emulator.MoodleEmulator;
import io.certbridge.emulator.RecordedRequest;
import io.certbridge.support.OutsideSystems;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * connectors/moodle-update-user-sink against the emulated Moodle: core_user_update_users sets the profile field, and
 * setting it again changes nothing. A user Moodle skips is named in the answer's warnings, with HTTP 200, for the
 * caller to read; a token that lost the right to update users is Moodle's error JSON, thrown as a refusal.
 */
class MoodleUpdateUserSinkTest extends KameletTestBase {

    private static final String KAMELET = "moodle-update-user-sink";
    private static final String FIELD = "certificateurl";

    private final MoodleEmulator moodle = OutsideSystems.moodle();
    private final long learner = ThreadLocalRandom.current().nextLong(100_000, 999_999_999);
    private final String url = "https://hub.example/verify/cert_" + learner;

    @BeforeEach
    void learner() {
        moodle.addUser(learner, "Ada", "Lovelace", "ada." + learner + "@example.com");
        moodle.addProfileField(FIELD);
    }

    private Exchange update() {
        return call(KAMELET, Map.of(), "users[0][id]=" + learner + "&users[0][customfields][0][type]=" + FIELD
                + "&users[0][customfields][0][value]=" + URLEncoder.encode(url, StandardCharsets.UTF_8));
    }

    private static JsonNode answer(Exchange exchange) throws Exception {
        return new ObjectMapper().readTree(exchange.getMessage().getBody(String.class));
    }

    @Test
    void theProfileFieldIsSetThroughCoreUserUpdateUsers() throws Exception {
        Exchange answered = update();

        assertThat(answered.getException()).isNull();
        assertThat(answer(answered).get("warnings")).isEmpty();
        assertThat(moodle.profileField(learner, FIELD)).isEqualTo(url);
        RecordedRequest request = moodle.requests(MoodleEmulator.ENDPOINT).stream()
                .filter(r -> r.body().contains("users[0][id]=" + learner)).findFirst().orElseThrow();
        assertThat(request.form()).contains(Map.entry("wsfunction", "core_user_update_users"),
                Map.entry("wstoken", OutsideSystems.MOODLE_WS_TOKEN),
                Map.entry("users[0][customfields][0][value]", url));
    }

    @Test
    void settingTheSameValueAgainChangesNothing() {
        update();

        Exchange again = update();

        assertThat(again.getException()).isNull();
        assertThat(moodle.profileField(learner, FIELD)).isEqualTo(url);
    }

    @Test
    void aUserMoodleSkipsIsNamedInTheWarningsOfAnHttp200Answer() throws Exception {
        moodle.makeSiteAdmin(learner);

        Exchange answered = update();

        assertThat(answered.getException()).isNull();
        assertThat(answer(answered).get("warnings")).singleElement().satisfies(warning -> {
            assertThat(warning.get("itemid").asLong()).isEqualTo(learner);
            assertThat(warning.get("warningcode").asText()).isEqualTo("usernotupdatedadmin");
        });
        assertThat(moodle.profileField(learner, FIELD)).isNull();
    }

    @Test
    void aTokenWithoutTheRightToUpdateUsersIsARefusal() {
        moodle.allowUserUpdates(false);
        Exchange answered;
        try {
            answered = update();
        } finally {
            moodle.allowUserUpdates(true);
        }

        assertThat(answered.getException()).isInstanceOf(OutsideSystemRefusal.class)
                .hasMessageStartingWith("Moodle answered core_user_update_users with {")
                .hasMessageContaining("required_capability_exception");
        assertThat(moodle.profileField(learner, FIELD)).isNull();
    }
}
