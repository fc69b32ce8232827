package io.certbridge.writeback;

import io.certbridge.issuance.WritebackTarget;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.writeback.Writebacks.Claimed;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * Moodle's core_user_update_users answers HTTP 200 also for a user it did not update (a site admin, an unknown,
 * deleted or guest user): {"warnings":[{"item":"user","itemid":3,"warningcode":"usernotupdatedadmin",
 * "message":"Cannot update admin accounts"}]}. A warning that names the write-back's user is Moodle's refusal,
 * in its own words; sending the same again will not change Moodle's mind.
 */
final class MoodleWarnings {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MoodleWarnings() {
    }

    /** The refusal in Moodle's answer to this write-back; empty for any other connector, or a user Moodle updated. */
    static Optional<WritebackRejected> refusal(Claimed writeback, String answer) {
        if (!WritebackTarget.MOODLE_PROFILE_FIELD.equals(writeback.connector()) || answer == null) {
            return Optional.empty();
        }
        String userId = String.valueOf(writeback.target().get("user_id"));
        return StreamSupport.stream(read(answer).path("warnings").spliterator(), false)
                .filter(warning -> "user".equals(warning.path("item").asText())
                        && userId.equals(warning.path("itemid").asText()))
                .findFirst()
                .map(warning -> new WritebackRejected("Moodle did not update user " + userId + ": "
                        + warning.path("warningcode").asText() + ": " + warning.path("message").asText()));
    }

    private static JsonNode read(String answer) {
        try {
            return JSON.readTree(answer);
        } catch (JsonProcessingException e) {
            throw new WritebackRejected("Moodle answered core_user_update_users with no JSON: " + answer);
        }
    }
}
