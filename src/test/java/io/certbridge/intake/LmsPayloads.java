package io.certbridge.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The real-format sample events of ../shared/reference/payloads, with a test's own learner and course. */
public final class LmsPayloads {

    private LmsPayloads() {
    }

    public static ObjectNode sample(String name) {
        return IntakeFixtures.sample(name);
    }

    /** A Canvas event of {@code sample} for the learner and course given (ids as strings, as Canvas sends them). */
    public static ObjectNode canvas(String sample, String userId, String courseId, String email) {
        ObjectNode event = sample(sample);
        ObjectNode body = (ObjectNode) event.get("body");
        ((ObjectNode) body.get("user")).put("id", userId).put("email", email);
        ((ObjectNode) body.get("course")).put("id", courseId);
        return event;
    }
}
