package io.certbridge.wallet;

/**
 * A refusal in OpenID4VCI's or OAuth's own terms: {@code error} is the protocol's code ({@code invalid_grant},
 * {@code invalid_proof}, {@code invalid_nonce}, …), answered as {@code {"error", "error_description"}} with
 * {@code status}; an {@code invalid_token} also with a WWW-Authenticate challenge (RFC 6750).
 */
class WalletError extends RuntimeException {

    private final int status;
    private final String error;

    private WalletError(int status, String error, String description) {
        super(description);
        this.status = status;
        this.error = error;
    }

    static WalletError badRequest(String error, String description) {
        return new WalletError(400, error, description);
    }

    static WalletError invalidToken(String description) {
        return new WalletError(401, "invalid_token", description);
    }

    static WalletError invalidProof(String description) {
        return badRequest("invalid_proof", description);
    }

    static WalletError invalidGrant(String description) {
        return badRequest("invalid_grant", description);
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }
}
