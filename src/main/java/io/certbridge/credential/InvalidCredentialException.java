package io.certbridge.credential;

/** A document that cannot be processed as a credential; the message says why in words. */
public class InvalidCredentialException extends Exception {

    public InvalidCredentialException(String message) {
        super(message);
    }
}
