package io.certbridge.emulator.swanshare;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.emulator.EmulatorServer.Response;

/** An error answer as SwanShare documents them: a JSON body {@code {"error": "…"}} and a status code. */
final class ApiError extends RuntimeException {

    static final String NEEDS_NAME_AND_TITLE = "Each credential needs recipient_name and title";

    private final int status;
    private final boolean planLimit;

    private ApiError(int status, String message, boolean planLimit) {
        super(message, null, false, false);
        this.status = status;
        this.planLimit = planLimit;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message, false);
    }

    static ApiError unauthorized() {
        return new ApiError(401, "Missing or invalid API key", false);
    }

    /** 402 with {@code "limit": true}, as documented. */
    static ApiError planLimitReached() {
        return new ApiError(402, "Monthly plan limit reached. Upgrade to issue more.", true);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message, false);
    }

    static ApiError methodNotAllowed() {
        return new ApiError(405, "Method not allowed", false);
    }

    static ApiError rateLimited(int limit, long windowSeconds) {
        return new ApiError(429, "Rate limit exceeded: " + limit + " requests per " + windowSeconds
                + " s per API key", false);
    }

    static ApiError unavailable() {
        return new ApiError(503, "Service temporarily unavailable", false);
    }

    Response toResponse() {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("error", getMessage());
        if (planLimit) {
            body.put("limit", true);
        }
        return Response.json(status, body);
    }
}
