package io.certbridge.vault;

/** A file the vault cannot make a stamped copy of, with why in words its uploader can act on. */
final class UnreadableDocument extends RuntimeException {

    UnreadableDocument(String reason) {
        super(reason);
    }

    UnreadableDocument(String reason, Throwable cause) {
        super(reason, cause);
    }
}
