package io.certbridge.writeback;

import io.certbridge.issuance.WritebackTarget;
import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.writeback.Writebacks.Claimed;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.Test;

/**
 * Which answers of Canvas, Moodle and Salesforce are tried again and which are refusals that go straight to the
 * dead letters, built from the answers the systems document (../shared/reference/source-systems.md).
 */
class RefusalsTest {

    private static final String URL = "https://school.instructure.com/api/v1/users/7/custom_data/course_5";

    @Test
    void canvasThrottlingAndServerErrorsPassOtherRefusalsDoNot() {
        assertThat(WritebackOutcomes.mayPass(http(403, "403 Forbidden (Rate Limit Exceeded)\n"))).isTrue();
        assertThat(WritebackOutcomes.mayPass(http(503, "<h1>Service Unavailable</h1>"))).isTrue();
        assertThat(WritebackOutcomes.mayPass(http(429, ""))).isTrue();
        assertThat(WritebackOutcomes.mayPass(http(403, "{\"errors\":[{\"message\":\"user not authorized to perform "
                + "that action\"}]}"))).isFalse();
        assertThat(WritebackOutcomes.mayPass(http(401, "{\"errors\":[{\"message\":\"Invalid access token.\"}]}")))
                .isFalse();
        assertThat(WritebackOutcomes.mayPass(http(409, "{\"message\":\"write conflict for custom_data hash\"}")))
                .isFalse();
    }

    @Test
    void aLockedRecordAndTheDailyLimitPassOtherSalesforceErrorsDoNot() {
        assertThat(WritebackOutcomes.mayPass(salesforce(400, "UNABLE_TO_LOCK_ROW"))).isTrue();
        assertThat(WritebackOutcomes.mayPass(salesforce(403, "REQUEST_LIMIT_EXCEEDED"))).isTrue();
        assertThat(WritebackOutcomes.mayPass(salesforce(400, "INVALID_FIELD"))).isFalse();
        assertThat(WritebackOutcomes.mayPass(salesforce(404, "NOT_FOUND"))).isFalse();
        assertThat(WritebackOutcomes.mayPass(new SalesforceWritebacks.SubrequestFailed(400,
                List.of("UNABLE_TO_LOCK_ROW"), "[]"))).isTrue();
        assertThat(WritebackOutcomes.mayPass(new SalesforceWritebacks.SubrequestFailed(429, List.of(), "[]"))).isTrue();
        assertThat(WritebackOutcomes.mayPass(new SalesforceWritebacks.SubrequestFailed(400,
                List.of("INVALID_FIELD"), "[]"))).isFalse();
    }

    @Test
    void aMoodleWarningNamingTheUserIsARefusalInMoodlesWords() {
        Claimed writeback = writeback(WritebackTarget.MOODLE_PROFILE_FIELD, Map.of("user_id", "3", "field", "url"));
        String admin = "{\"warnings\":[{\"item\":\"user\",\"itemid\":3,\"warningcode\":\"usernotupdatedadmin\","
                + "\"message\":\"Cannot update admin accounts\"}]}";

        assertThat(MoodleWarnings.refusal(writeback, admin)).hasValueSatisfying(refusal -> {
            assertThat(refusal.getMessage()).contains("usernotupdatedadmin", "Cannot update admin accounts");
            assertThat(WritebackOutcomes.mayPass(refusal)).isFalse();
        });
        assertThat(MoodleWarnings.refusal(writeback, "{\"warnings\":[]}")).isEmpty();
        assertThat(MoodleWarnings.refusal(writeback, "null")).as("Moodle 3.x answers null").isEmpty();
        assertThat(MoodleWarnings.refusal(writeback, admin.replace("\"itemid\":3", "\"itemid\":33"))).isEmpty();
        assertThat(MoodleWarnings.refusal(writeback(WritebackTarget.CANVAS_CUSTOM_DATA, Map.of("user_id", "3")), admin))
                .isEmpty();
    }

    private static HttpOperationFailedException http(int status, String body) {
        return new HttpOperationFailedException(URL, status, "", null, Map.of(), body);
    }

    private static SalesforceException salesforce(int status, String errorCode) {
        return new SalesforceException(List.of(new RestError(errorCode, "refused")), status);
    }

    private static Claimed writeback(String connector, Map<String, Object> target) {
        return new Claimed("wb_1", "cert_1", connector, target, 1, 0, "issued", true, Instant.now(),
                "https://hub.example/verify/cert_1");
    }
}
