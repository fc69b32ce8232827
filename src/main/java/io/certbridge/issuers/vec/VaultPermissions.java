package io.certbridge.issuers.vec;

import io.certbridge.issuers.IssuerPauses;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * VEC.digital refusing the account's token (401) or naming a permission it lacks (403 with
 * {@code required_permission}): a configuration error, not the certificate's. The issuer is paused with the
 * reason, so that nothing more is sent until the token is fixed and the issuer resumed
 * ({@code POST /v1/issuers/<name>/resume}).
 */
@Component
class VaultPermissions {

    private final IssuerPauses pauses;

    VaultPermissions(IssuerPauses pauses) {
        this.pauses = pauses;
    }

    /** What is wrong with the token, in words that say what to fix, if the answer says so. */
    static Optional<String> problem(String issuer, VaultAnswer answer) {
        String fix = "; then POST /v1/issuers/" + issuer + "/resume";
        if (answer.status() == 403) {
            String permission = answer.json().path("required_permission").asText("");
            return Optional.of("VEC.digital's API token of issuer " + issuer + (permission.isEmpty()
                    ? " is not allowed this call" : " lacks the permission " + permission) + " (" + answer.words()
                    + "): give the token " + (permission.isEmpty() ? "the permission" : permission)
                    + " in the Institution Panel (API Tokens)" + fix);
        }
        if (answer.status() == 401) {
            return Optional.of("VEC.digital refused the API token of issuer " + issuer + " (" + answer.words()
                    + "): set a valid token (CERTBRIDGE_ISSUERS_" + issuer.toUpperCase() + "_APIKEY)" + fix);
        }
        return Optional.empty();
    }

    /** Pauses the issuer if the answer refuses its token; returns the reason if it did. */
    Optional<String> pauseIfRefused(String issuer, VaultAnswer answer) {
        Optional<String> problem = problem(issuer, answer);
        problem.ifPresent(reason -> pauses.pause(issuer, reason, null));
        return problem;
    }
}
