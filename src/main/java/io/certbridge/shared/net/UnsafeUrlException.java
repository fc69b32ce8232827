package io.certbridge.shared.net;

import io.certbridge.shared.problems.InvalidInput;

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

    /** The refusal of the request, naming the field that held the URL. */
    public InvalidInput toProblem(String field) {
        return new InvalidInput(code, getMessage(), field);
    }
}
