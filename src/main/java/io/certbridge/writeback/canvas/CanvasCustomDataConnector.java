package io.certbridge.writeback.canvas;

import io.certbridge.delivery.Delivery;
import io.certbridge.delivery.Outcome;
import io.certbridge.delivery.Recorded;
import io.certbridge.delivery.SingleConnector;
import io.certbridge.issuance.WritebackTarget;
import io.certbridge.shared.Json;
import io.certbridge.writeback.WritebackFailures;
import io.certbridge.writeback.WrittenCertificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Canvas custom data (connectors/canvas-custom-data-sink): the certificate's record, as it is now, under the rule's
 * namespace in the learner's data, scoped to the course.
 */
@Component
class CanvasCustomDataConnector implements SingleConnector {

    private final Json json;
    private final WrittenCertificate certificate;
    private final WritebackFailures failures;

    CanvasCustomDataConnector(Json json, WrittenCertificate certificate, WritebackFailures failures) {
        this.json = json;
        this.certificate = certificate;
        this.failures = failures;
    }

    @Override
    public String name() {
        return WritebackTarget.CANVAS_CUSTOM_DATA;
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
