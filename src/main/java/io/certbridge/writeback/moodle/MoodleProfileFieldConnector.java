package io.certbridge.writeback.moodle;

import static io.certbridge.writeback.WrittenCertificate.WRITEBACK_FAILED;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.delivery.Delivery;
import io.certbridge.delivery.Outcome;
import io.certbridge.delivery.Result;
import io.certbridge.delivery.SingleConnector;
import io.certbridge.issuance.WritebackType;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.writeback.WrittenCertificate;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The certificate's link in a Moodle user profile field (connectors/moodle-update-user-sink), emptied when the
 * certificate is revoked. Moodle answers HTTP 200 also for a user it did not update (a site admin, an unknown,
 * deleted or guest user): {"warnings":[{"item":"user","itemid":3,"warningcode":"usernotupdatedadmin",…}]}. A warning
 * that names the write-back's user is Moodle's refusal, in its own words. A rule asks for it as
 * {@code moodle_profile_field}, naming the field.
 */
@Component
public class MoodleProfileFieldConnector implements SingleConnector,
        WritebackType<MoodleProfileFieldConnector.Spec> {

    static final String NAME = "moodle-update-user-sink";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PROFILE_FIELD = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    /** A rule's {@code moodle_profile_field} write-back: the short name of the profile field that takes the link. */
    public record Spec(String field) {
    }

    private final WrittenCertificate certificate;

    public MoodleProfileFieldConnector(WrittenCertificate certificate) {
        this.certificate = certificate;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String type() {
        return "moodle_profile_field";
    }

    @Override
    public String source() {
        return "moodle";
    }

    @Override
    public Class<Spec> spec() {
        return Spec.class;
    }

    @Override
    public List<FieldError> problems(Spec spec, Paths paths) {
        return spec.field() != null && PROFILE_FIELD.matcher(spec.field()).matches() ? List.of()
                : List.of(new FieldError("field", "must be the short name of a Moodle user profile field"));
    }

    @Override
    public Map<String, Object> target(Spec spec, Event event) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("user_id", event.learnerId());
        target.put("field", spec.field());
        return target;
    }

    @Override
    public void prepare(Delivery writeback, Exchange exchange) {
        String value = "revoked".equals(writeback.certificateStatus()) ? "" : certificate.verificationUrl(writeback);
        exchange.getMessage().setBody("users[0][id]=" + form(writeback.text("user_id"))
                + "&users[0][customfields][0][type]=" + form(writeback.text("field"))
                + "&users[0][customfields][0][value]=" + form(value));
    }

    @Override
    public Outcome answered(Delivery writeback, Exchange exchange) {
        String answer = exchange.getMessage().getBody(String.class);
        JsonNode warnings;
        try {
            warnings = JSON.readTree(answer == null ? "null" : answer).path("warnings");
        } catch (JsonProcessingException e) {
            return Outcome.failed(writeback, Result.REFUSED,
                    "Moodle answered core_user_update_users with no JSON: " + answer);
        }
        String userId = writeback.text("user_id");
        return StreamSupport.stream(warnings.spliterator(), false)
                .filter(warning -> "user".equals(warning.path("item").asText())
                        && userId.equals(warning.path("itemid").asText()))
                .findFirst()
                .map(warning -> Outcome.failed(writeback, Result.REFUSED, "Moodle did not update user " + userId
                        + ": " + warning.path("warningcode").asText() + ": " + warning.path("message").asText()))
                .orElseGet(() -> Outcome.delivered(writeback));
    }

    @Override
    public String givenUpEvent() {
        return WRITEBACK_FAILED;
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
