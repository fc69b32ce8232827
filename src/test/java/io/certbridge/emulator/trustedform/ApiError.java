package io.certbridge.emulator.trustedform;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.emulator.EmulatorServer.Response;

/** An answer other than 200: status and a body {@code {"outcome": "error", "reason": "…"}}. */
final class ApiError extends RuntimeException {

    static final String INCORRECT_API_KEY = "Incorrect API key";
    static final String NOT_FOUND = "TrustedForm certificate has expired or could not be found";

    private final int status;

    ApiError(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    static ApiError badRequest(String reason) {
        return new ApiError(400, reason);
    }

    static ApiError unprocessable(String reason) {
        return new ApiError(422, reason);
    }

    static ApiError notFound() {
        return new ApiError(404, NOT_FOUND);
    }

    static ApiError unavailableOperation(String operation) {
        return new ApiError(403, "Unavailable operation requested: " + operation);
    }

    int status() {
        return status;
    }

    Response toResponse() {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("outcome", "error").put("reason", getMessage());
        Response response = Response.json(status, body);
        return status == 401 ? response.withHeader("WWW-Authenticate", "Basic realm=\"TrustedForm\"") : response;
    }
}
