package io.certbridge.verification;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to "is this credential genuine, and does it still hold?". {@code status} is valid,
 * revoked, suspended, expired, superseded or invalid; each check says what was looked at and what was found.
 * A superseded credential is still valid (genuine, not withdrawn, in its dates), but a renewal replaced it:
 * {@code superseded_by} names the certificate that did.
 *
 * @param credential the credential that was checked, as JSON text
 */
public record Verification(boolean valid, String status, List<Check> checks, @JsonRawValue String credential,
                           Issuer issuer, @JsonInclude(JsonInclude.Include.NON_NULL) Replacement supersededBy) {

    public Verification(boolean valid, String status, List<Check> checks, String credential, Issuer issuer) {
        this(valid, status, checks, credential, issuer, null);
    }

    /** The certificate that replaced this one, and where it is verified. */
    public record Replacement(String id, String verificationUrl) {
    }

    /** This verification of a certificate a renewal replaced: superseded if it was otherwise valid. */
    Verification supersededBy(Replacement replacement) {
        List<Check> withRenewal = new ArrayList<>(checks);
        withRenewal.add(new Check("renewal", true, "superseded by the certificate " + replacement.id()
                + ", which a renewal issued in its place"));
        return new Verification(valid, valid ? "superseded" : status, withRenewal, credential, issuer, replacement);
    }

    public record Check(String name, boolean passed, String detail) {
    }

    /**
     * The issuer the credential names; {@code thisHub} when it is this hub's own DID, {@code sandbox}
     * when it is this hub's sandbox issuer (a credential issued with a test key).
     */
    public record Issuer(String id, String name, String url, boolean thisHub, boolean sandbox) {
    }
}
