package io.certbridge.writeback.canvas;

import static io.certbridge.writeback.WrittenCertificate.WRITEBACK_FAILED;

import io.certbridge.delivery.Delivery;
import io.certbridge.delivery.Outcome;
import io.certbridge.delivery.SingleConnector;
import io.certbridge.issuance.WritebackType;
import io.certbridge.shared.Json;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.writeback.WrittenCertificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Canvas custom data (connectors/canvas-custom-data-sink): the certificate's record, as it is now, under the rule's
 * namespace in the learner's data, scoped to the course. A rule asks for it as {@code canvas_custom_data}.
 */
@Component
public class CanvasCustomDataConnector implements SingleConnector,
        WritebackType<CanvasCustomDataConnector.Spec> {

    static final String NAME = "canvas-custom-data-sink";
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    /** A rule's {@code canvas_custom_data} write-back: the namespace the record goes under. */
    public record Spec(String namespace) {
    }

    private final Json json;
    private final WrittenCertificate certificate;

    public CanvasCustomDataConnector(Json json, WrittenCertificate certificate) {
        this.json = json;
        this.certificate = certificate;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String type() {
        return "canvas_custom_data";
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
        return spec.namespace() != null && NAMESPACE.matcher(spec.namespace()).matches() ? List.of()
                : List.of(new FieldError("namespace", "must be a reverse-DNS namespace such as com.example.certbridge"));
    }

    @Override
    public Map<String, Object> target(Spec spec, Event event) {
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("user_id", event.learnerId());
        target.put("course_id", event.courseId());
        target.put("namespace", spec.namespace());
        return target;
    }

    @Override
    public void prepare(Delivery writeback, Exchange exchange) {
        exchange.setProperty("canvasUserId", CanvasAnswers.segment(writeback.text("user_id")));
        exchange.setProperty("canvasScope", CanvasAnswers.segment("course_" + writeback.text("course_id")));
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("certificate_id", writeback.certificateId());
        record.put("certificate_url", certificate.verificationUrl(writeback));
        record.put("status", writeback.certificateStatus());
        record.put("issued_at", writeback.certificateIssuedAt().toString());
        record.put("sandbox", !writeback.livemode());
        exchange.getMessage().setBody(json.write(Map.of("ns", writeback.target().get("namespace"), "data", record)));
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
