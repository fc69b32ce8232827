package io.certbridge.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Canvas assignment submissions and their comments, rendered like {@code Api::V1::Submission}
 * (a subset of its fields). A submission exists for every (course, assignment, user) asked about,
 * as Canvas creates unsubmitted submissions for each student.
 */
final class CanvasSubmissions {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private record Comment(long id, String text, String createdAt) {
    }

    private record Submission(long id, String courseId, String assignmentId, String userId, List<Comment> comments) {
    }

    private final Map<String, Submission> submissions = new LinkedHashMap<>();
    private final LongSupplier ids;

    CanvasSubmissions(LongSupplier ids) {
        this.ids = ids;
    }

    /** Appends a comment by the API user. */
    void comment(String courseId, String assignmentId, String userId, String text) {
        submission(courseId, assignmentId, userId).comments().add(new Comment(ids.getAsLong(), text, CanvasJson.now()));
    }

    /** The text of each comment, oldest first. */
    List<String> comments(String courseId, String assignmentId, String userId) {
        Submission s = submissions.get(key(courseId, assignmentId, userId));
        return s == null ? List.of() : s.comments().stream().map(Comment::text).toList();
    }

    /** The submission JSON; {@code submission_comments} only when asked for. */
    ObjectNode json(String baseUrl, String courseId, String assignmentId, String userId, boolean withComments) {
        Submission s = submission(courseId, assignmentId, userId);
        ObjectNode json = NODES.objectNode();
        json.put("id", s.id());
        json.set("assignment_id", CanvasJson.id(assignmentId));
        json.set("user_id", CanvasJson.id(userId));
        for (String empty : List.of("attempt", "body", "grade", "score", "submitted_at", "submission_type")) {
            json.putNull(empty);
        }
        json.put("workflow_state", "unsubmitted");
        json.put("late", false);
        json.put("missing", false);
        json.put("preview_url", baseUrl + "/courses/" + courseId + "/assignments/" + assignmentId
                + "/submissions/" + userId + "?preview=1&version=0");
        if (withComments) {
            ArrayNode comments = json.putArray("submission_comments");
            for (Comment c : s.comments()) {
                comments.addObject()
                        .put("id", c.id())
                        .put("author_id", CanvasEmulator.API_USER_ID)
                        .put("author_name", CanvasEmulator.API_USER_NAME)
                        .put("comment", c.text())
                        .put("created_at", c.createdAt())
                        .putNull("edited_at");
            }
        }
        return json;
    }

    void clear() {
        submissions.clear();
    }

    private Submission submission(String courseId, String assignmentId, String userId) {
        return submissions.computeIfAbsent(key(courseId, assignmentId, userId),
                k -> new Submission(ids.getAsLong(), courseId, assignmentId, userId, new ArrayList<>()));
    }

    private static String key(String courseId, String assignmentId, String userId) {
        return courseId + "/" + assignmentId + "/" + userId;
    }
}
