package io.certbridge.writeback.canvas;

import io.certbridge.delivery.Delivery;
import io.certbridge.delivery.Outcome;
import io.certbridge.delivery.Recorded;
import io.certbridge.delivery.SingleConnector;
import io.certbridge.issuance.WritebackTarget;
import io.certbridge.writeback.WritebackFailures;
import io.certbridge.writeback.WrittenCertificate;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * A comment on the learner's submission (connectors/canvas-submission-comment-sink) saying what became of the
 * certificate. The comment carries a marker of the certificate and its status, by which a retry finds it posted.
 */
@Component
class CanvasSubmissionCommentConnector implements SingleConnector {

    private final WrittenCertificate certificate;
    private final WritebackFailures failures;

    CanvasSubmissionCommentConnector(WrittenCertificate certificate, WritebackFailures failures) {
        this.certificate = certificate;
        this.failures = failures;
    }

    @Override
    public String name() {
        return WritebackTarget.CANVAS_SUBMISSION_COMMENT;
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
    public Outcome answered(Delivery writeback, Exchange exchange) {
        return Outcome.delivered(writeback);
    }

    @Override
    public Outcome failed(Delivery writeback, Exception failure) {
        return CanvasAnswers.of(writeback, failure);
    }

    @Override
    public void recorded(List<Recorded> outcomes) {
        failures.announce(outcomes);
    }
}
