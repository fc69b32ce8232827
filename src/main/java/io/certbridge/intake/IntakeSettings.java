package io.certbridge.intake;

import io.certbridge.intake.rules.RuleDefinition;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * certbridge.intake.*: who may deliver events, how a generic source's JSON is read, the rules kept in
 * configuration (by id), and how long accepted events are kept.
 *
 * @param publishTimeout  how long an accepted event may wait for Kafka to acknowledge it before it counts as not taken
 * @param retention       accepted events (with the learners' data they hold) are forgotten after this
 * @param purgeIntervalMs how often routes/intake-recording looks for events past the retention
 */
@Validated
@ConfigurationProperties("certbridge.intake")
public record IntakeSettings(@Valid Canvas canvas, Moodle moodle, Map<String, GenericSource> sources,
                             Map<String, RuleDefinition> rules,
                             @NotNull @DurationMin(millis = 1) Duration publishTimeout,
                             @NotNull @DurationMin(seconds = 1) Duration retention, @Positive long purgeIntervalMs) {

    public IntakeSettings {
        sources = sources == null ? Map.of() : sources;
        rules = rules == null ? Map.of() : rules;
    }

    /**
     * Signed deliveries are checked against the JWKS; unsigned JSON is taken only when an
     * {@code unsigned-token} is set and the delivery URL carries it as {@code ?token=}.
     */
    public record Canvas(URI jwksUrl, @NotNull @DefaultValue("1s") Duration jwksMinRefetchInterval,
                         String unsignedToken) {
    }

    /** The token configured in the local_webhooks service, which Moodle sends inside each event. */
    public record Moodle(String token) {
    }

    /**
     * A JSON webhook signed the Standard Webhooks way with one of {@code secrets}; the JSONPath
     * expressions pick the event type, learner and course out of its body.
     */
    public record GenericSource(List<String> secrets, String eventType, String learnerId, String learnerName,
                                String learnerEmail, String courseId, String courseName, String tenant) {

        public GenericSource {
            secrets = secrets == null ? List.of() : secrets;
        }
    }
}
