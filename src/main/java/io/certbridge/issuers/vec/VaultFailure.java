package io.certbridge.issuers.vec;

/** VEC.digital answered a call with other than 2xx: what it said. */
final class VaultFailure extends RuntimeException {

    private final transient VaultAnswer answer;

    VaultFailure(VaultAnswer answer) {
        super("VEC.digital answered " + answer.words(), null, false, false);
        this.answer = answer;
    }

    VaultAnswer answer() {
        return answer;
    }

    int status() {
        return answer.status();
    }
}
