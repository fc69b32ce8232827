package io.certbridge.writeback;

import io.certbridge.issuance.WritebackTarget;
import io.certbridge.shared.Json;
import io.certbridge.writeback.Writebacks.Claimed;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Turns a claimed write-back into the message its Kamelet sends: the exchange properties the Kamelet
 * documents, and the body. What is written is the certificate's state now: a revoked certificate's
 * Canvas record says revoked, its submission gets a comment saying so, and its Moodle profile field is
 * emptied. A comment carries a marker of the certificate and status, by which a retry finds it posted.
 */
@Component
public class WritebackMessages {

    public static final String WRITEBACK = "writeback";

    private final Json json;

    WritebackMessages(Json json) {
        this.json = json;
    }

    public void prepare(Exchange exchange) {
        Claimed writeback = exchange.getMessage().getBody(Claimed.class);
        exchange.setProperty(WRITEBACK, writeback);
        exchange.setProperty("connector", writeback.connector());
        Map<String, Object> target = writeback.target();
        switch (writeback.connector()) {
            case WritebackTarget.CANVAS_CUSTOM_DATA -> {
                exchange.setProperty("canvasUserId", segment((String) target.get("user_id")));
                exchange.setProperty("canvasScope", segment("course_" + target.get("course_id")));
                exchange.getMessage().setBody(json.write(Map.of("ns", target.get("namespace"),
                        "data", certificateRecord(writeback))));
            }
            case WritebackTarget.CANVAS_SUBMISSION_COMMENT -> {
                exchange.setProperty("canvasCourseId", segment((String) target.get("course_id")));
                exchange.setProperty("canvasAssignmentId", segment((String) target.get("assignment_id")));
                exchange.setProperty("canvasUserId", segment((String) target.get("user_id")));
                String marker = "[certbridge " + writeback.certificateId() + " " + writeback.certificateStatus() + "]";
                exchange.setProperty("canvasCommentMarker", marker);
                exchange.getMessage().setBody("comment[text_comment]=" + form(comment(writeback) + " " + marker));
            }
            case WritebackTarget.MOODLE_PROFILE_FIELD -> exchange.getMessage().setBody(
                    "users[0][id]=" + form((String) target.get("user_id"))
                            + "&users[0][customfields][0][type]=" + form((String) target.get("field"))
                            + "&users[0][customfields][0][value]="
                            + form("revoked".equals(writeback.certificateStatus()) ? "" : writeback.verificationUrl()));
            default -> throw new WritebackRejected("No connector " + writeback.connector());
        }
    }

    private static String comment(Claimed writeback) {
        return switch (writeback.certificateStatus()) {
            case "revoked" -> "Your certificate has been revoked: " + writeback.verificationUrl();
            case "suspended" -> "Your certificate is suspended: " + writeback.verificationUrl();
            default -> "Your certificate is ready: " + writeback.verificationUrl();
        };
    }

    private static Map<String, Object> certificateRecord(Claimed writeback) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("certificate_id", writeback.certificateId());
        record.put("certificate_url", writeback.verificationUrl());
        record.put("status", writeback.certificateStatus());
        record.put("issued_at", writeback.issuedAt().toString());
        record.put("sandbox", !writeback.livemode());
        return record;
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
