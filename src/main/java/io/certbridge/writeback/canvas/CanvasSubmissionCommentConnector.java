package io.certbridge.writeback.canvas;

import static io.certbridge.writeback.WrittenCertificate.WRITEBACK_FAILED;

import io.certbridge.delivery.Delivery;
import io.certbridge.delivery.Outcome;
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
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * A comment on the learner's submission (connectors/canvas-submission-comment-sink) saying what became of the
 * certificate. The comment carries a marker of the certificate and its status, by which a retry finds it posted.
 * A rule asks for it as {@code canvas_submission_comment}, naming the assignment.
 */
@Component
public class CanvasSubmissionCommentConnector implements SingleConnector,
        WritebackType<CanvasSubmissionCommentConnector.Spec> {

    static final String NAME = "canvas-submission-comment-sink";
    private static final Pattern CANVAS_ID = Pattern.compile("[0-9]{1,18}");

    /** A rule's {@code canvas_submission_comment} write-back: the assignment whose submission takes the comment. */
    public record Spec(String assignmentId) {
    }

    private final WrittenCertificate certificate;

    public CanvasSubmissionCommentConnector(WrittenCertificate certificate) {
        this.certificate = certificate;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String type() {
        return "canvas_submission_comment";
    }

    @Override
    public String source() {
        return "canvas";
    }

    @Override
    public Class<Spec> spec() {
        return Spec.class;
    }

    @Override
    public List<FieldError> problems(Spec spec, Paths paths) {
        return spec.assignmentId() != null && CANVAS_ID.matcher(spec.assignmentId()).matches() ? List.of()
                : List.of(new FieldError("assignment_id", "must be a Canvas assignment id"));
    }

    @Override
    public Map<String, Object> target(Spec spec, Event event) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("user_id", event.learnerId());
        target.put("course_id", event.courseId());
        target.put("assignment_id", spec.assignmentId());
        return target;
    }

    @Override
    public void prepare(Delivery writeback, Exchange exchange) {
        exchange.setProperty("canvasCourseId", CanvasAnswers.segment(writeback.text("course_id")));
        exchange.setProperty("canvasAssignmentId", CanvasAnswers.segment(writeback.text("assignment_id")));
        exchange.setProperty("canvasUserId", CanvasAnswers.segment(writeback.text("user_id")));
        String marker = "[certbridge " + writeback.certificateId() + " " + writeback.certificateStatus() + "]";
        exchange.setProperty("canvasCommentMarker", marker);
        exchange.getMessage().setBody("comment[text_comment]="
                + URLEncoder.encode(certificate.sentence(writeback) + " " + marker, StandardCharsets.UTF_8));
    }

    @Override
    public Outcome failed(Delivery writeback, Exception failure) {
        return CanvasAnswers.of(writeback, failure);
    }

    @Override
    public String givenUpEvent() {
        return WRITEBACK_FAILED;
    }
}
