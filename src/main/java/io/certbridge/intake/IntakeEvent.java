package io.certbridge.intake;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An event an intake endpoint accepted, in one shape for every source. {@code eventKey} is the
 * source's natural id for the event, so that a delivery repeated by the source is recorded once;
 * {@code complete} says whether the event reports the learner as having completed; {@code data} is the
 * event as the source sent it (less any secret it carried), and {@code sha256} the hex SHA-256 of it.
 */
public record IntakeEvent(String id, String source, String type, String eventKey, String tenant, Learner learner,
                          Course course, boolean complete, String note, JsonNode data, String sha256,
                          Instant receivedAt) {

    public record Learner(String id, String name, String email) {
    }

    public record Course(String id, String name) {
    }

    public IntakeEvent withLearner(Learner value) {
        return new IntakeEvent(id, source, type, eventKey, tenant, value, course, complete, note, data, sha256,
                receivedAt);
    }
}
