package io.certbridge.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.shared.Ids;
import io.certbridge.shared.Sha256;
import io.certbridge.intake.IntakeEvent.Course;
import io.certbridge.intake.IntakeEvent.Learner;
import java.io.IOException;
import java.time.Clock;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/** What every source's reader needs: the body parsed as a JSON object, and the event put together. */
@Component
public class IntakeEventFactory {

    private final ObjectMapper mapper;
    private final Clock clock;

    public IntakeEventFactory(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    public ObjectNode object(byte[] body) {
        JsonNode tree;
        try {
            tree = body.length == 0 ? null : mapper.readTree(body);
        } catch (IOException e) {
            throw IntakeProblems.malformed("The body is not valid JSON");
        }
        if (!(tree instanceof ObjectNode object)) {
            throw IntakeProblems.malformed("The body must be a JSON object");
        }
        return object;
    }

    /** The event; a null {@code eventKey} means the source has no event id, so the data's digest serves as one. */
    public IntakeEvent event(String source, String type, String eventKey, String tenant, Learner learner,
                             Course course, boolean complete, String note, JsonNode data) {
        String sha256;
        try {
            sha256 = HexFormat.of().formatHex(Sha256.of(mapper.writeValueAsBytes(data)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new IntakeEvent(Ids.newId("iev"), source, type, eventKey == null ? sha256 : eventKey, tenant, learner,
                course, complete, note, data, sha256, clock.instant());
    }
}
