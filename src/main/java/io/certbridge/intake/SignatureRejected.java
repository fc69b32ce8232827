package io.certbridge.intake;

/**
 * Why an inbound delivery's signature or token was refused. The message is for the hub's log only: the caller
 * gets a bare 401 without it. It never contains a secret or a key.
 */
public class SignatureRejected extends RuntimeException {

    public SignatureRejected(String reason) {
        super(reason);
    }

    public SignatureRejected(String reason, Throwable cause) {
        super(reason, cause);
    }
}
