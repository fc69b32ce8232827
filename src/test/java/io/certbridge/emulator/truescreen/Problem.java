package io.certbridge.emulator.truescreen;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.emulator.EmulatorServer.Response;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An error as TrueScreen documents them: RFC 9457 {@code application/problem+json} with {@code type} (a URI of the
 * error's documentation page), {@code title}, {@code status}, {@code detail} and the application {@code code}
 * ({@code TS-xxx}). The {@link #instance} member, standard in RFC 9457, is set on processing failures only.
 */
final class Problem extends RuntimeException {

    static final String DOCS = "https://truescreen.redocly.app/errors/";
    static final String CONTENT_TYPE = "application/problem+json";

    private final String type;
    private final String title;
    private final int status;
    private final String code;
    private final String instance;

    private Problem(String type, String title, int status, String detail, String code, String instance) {
        super(detail, null, false, false);
        this.type = type;
        this.title = title;
        this.status = status;
        this.code = code;
        this.instance = instance;
    }

    private static Problem validation(String code, String detail) {
        return new Problem("validation-error", "Validation error", 400, detail, code, null);
    }

    /** TS-001: the body is not JSON, or a value has the wrong JSON type. */
    static Problem malformed(String detail) {
        return validation("TS-001", detail);
    }

    /** TS-002: a required field is missing, empty or badly formatted. */
    static Problem invalid(String detail) {
        return validation("TS-002", detail);
    }

    static Problem insufficientCredits() {
        return validation("TS-008", "Insufficient credits available.");
    }

    static Problem noAttachments() {
        return validation("TS-011", "No certification attachments found.");
    }

    static Problem sessionAlreadyUsed() {
        return validation("TS-012", "A certification has already been created for this upload session token.");
    }

    static Problem notAllUploaded() {
        return validation("TS-013", "Not all files have been uploaded.");
    }

    static Problem certificationNotFound() {
        return new Problem("not-found-error", "Not found", 404, "Certification not found.", "TS-010", null);
    }

    static Problem internal() {
        return new Problem("server-error", "Internal server error", 500, "Internal server error.", "TS-000", null);
    }

    /** TS-014: processing failed after creation; {@code instance} names the certification. */
    static Problem processingFailed(String reportId) {
        return new Problem("server-error", "Certification processing error", 500, "Digital signature error.",
                "TS-014", "/v1/certifications/" + reportId);
    }

    /** Assumed: no 401 is documented; the same problem shape is used. */
    static Problem unauthorized() {
        return new Problem("unauthorized-error", "Unauthorized", 401, "Missing or invalid API key.", "TS-401", null);
    }

    int status() {
        return status;
    }

    ObjectNode toJson() {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("type", DOCS + type).put("title", title)
                .put("status", status).put("detail", getMessage()).put("code", code);
        return instance == null ? body : body.put("instance", instance);
    }

    Response toResponse() {
        return new Response(status, CONTENT_TYPE, toJson().toString().getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
