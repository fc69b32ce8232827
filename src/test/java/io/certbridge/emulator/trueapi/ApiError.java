package io.certbridge.emulator.trueapi;

/** A request TRUE refuses: thrown while handling, answered with TRUE's error body. */
final class ApiError extends RuntimeException {

    final int status;
    final String code;

    ApiError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    static ApiError validation(String message) {
        return new ApiError(400, "validation_error", message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }
}
