package io.certbridge.verification;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.List;

/**
 * The answer to "is this credential genuine, and does it still hold?". {@code status} is valid,
 * revoked, suspended, expired or invalid; each check says what was looked at and what was found.
 *
 * @param credential the credential that was checked, as JSON text
 */
public record Verification(boolean valid, String status, List<Check> checks, @JsonRawValue String credential,
                           Issuer issuer) {

    public record Check(String name, boolean passed, String detail) {
    }

    /**
     * The issuer the credential names; {@code thisHub} when it is this hub's own DID, {@code sandbox}
     * when it is this hub's sandbox issuer (a credential issued with a test key).
     */
    public record Issuer(String id, String name, String url, boolean thisHub, boolean sandbox) {
    }
}
