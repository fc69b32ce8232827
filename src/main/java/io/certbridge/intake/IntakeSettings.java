package io.certbridge.intake;

import io.certbridge.intake.rules.RuleDefinition;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * certbridge.intake.*: who may deliver events, how a generic source's JSON is read, the rules kept in
 * configuration (by id), and how long accepted events are kept.
 */
@ConfigurationProperties("certbridge.intake")
public record IntakeSettings(Canvas canvas, Moodle moodle, Map<String, GenericSource> sources,
                             Map<String, RuleDefinition> rules, @DefaultValue("10s") Duration publishTimeout,
                             @DefaultValue("90d") Duration retention) {

    public IntakeSettings {
        sources = sources == null ? Map.of() : sources;
        rules = rules == null ? Map.of() : rules;
    }

    /**
     * Signed deliveries are checked against the JWKS; unsigned JSON is taken only when an
     * {@code unsigned-token} is set and the delivery URL carries it as {@code ?token=}.
     */
    public record Canvas(URI jwksUrl, @DefaultValue("1s") Duration jwksMinRefetchInterval, String unsignedToken) {
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
