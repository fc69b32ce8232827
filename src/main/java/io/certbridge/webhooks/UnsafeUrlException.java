package io.certbridge.webhooks;

import io.certbridge.api.ApiProblem;

/** A URL a customer gave that the hub will not call; {@code code} is stable, the message is for the customer. */
public class UnsafeUrlException extends RuntimeException {

    private final String code;

    public UnsafeUrlException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The 422 answer naming the request field that held the URL. */
    public ApiProblem toProblem(String field) {
        return ApiProblem.unprocessable(code, getMessage(), field);
    }
}
