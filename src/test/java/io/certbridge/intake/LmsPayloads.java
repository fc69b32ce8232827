package io.certbridge.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.support.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real-format sample events of ../shared/reference/payloads, with a test's own learner and course. */
final class LmsPayloads {

    private LmsPayloads() {
    }

    static ObjectNode sample(String name) {
        try {
            return (ObjectNode) ApiClient.json().readTree(Files.readString(Path.of("../shared/reference/payloads", name)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Canvas event of {@code sample} for the learner and course given (ids as strings, as Canvas sends them). */
    static ObjectNode canvas(String sample, String userId, String courseId, String email) {
        ObjectNode event = sample(sample);
        ObjectNode body = (ObjectNode) event.get("body");
        ((ObjectNode) body.get("user")).put("id", userId).put("email", email);
        ((ObjectNode) body.get("course")).put("id", courseId);
        return event;
    }
}
