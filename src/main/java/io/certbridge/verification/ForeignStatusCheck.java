package io.certbridge.verification;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The status of another issuer's credential: each BitstringStatusListEntry or StatusList2021Entry's list credential is
 * fetched (through the SSRF guard), its proof checked like any credential's, and it must be signed by the credential's
 * own issuer; then the entry's bit is read. A list that cannot be had, or whose proof does not hold, leaves the status
 * unknown ({@code status_unknown}): the credential may be revoked, so it is not called valid, and nothing says it is
 * forged either.
 */
@Component
class ForeignStatusCheck {

    static final String UNKNOWN = "status_unknown";

    private static final Set<String> ENTRY_TYPES = Set.of(SignedClaims.STATUS + "BitstringStatusListEntry",
            SignedClaims.STATUS_LIST_2021 + "StatusList2021Entry");
    private static final Set<String> PURPOSES = Set.of("revocation", "suspension");

    private final OutsideDocuments documents;
    private final ProofCheck proofCheck;

    ForeignStatusCheck(OutsideDocuments documents, ProofCheck proofCheck) {
        this.documents = documents;
        this.proofCheck = proofCheck;
    }

    CheckOutcome check(SignedClaims claims) {
        for (SignedClaims.StatusEntry entry : claims.statusEntries()) {
            if (entry.types().size() != 1 || !ENTRY_TYPES.contains(entry.types().get(0))) {
                return failed("invalid", "a status entry of type " + entry.types() + " is not understood; this hub "
                        + "reads BitstringStatusListEntry and StatusList2021Entry");
            }
            if (!PURPOSES.contains(entry.purpose()) || entry.listCredential() == null || index(entry) < 0) {
                return failed("invalid", "a status entry needs a statusPurpose (revocation or suspension), a "
                        + "statusListIndex and a statusListCredential");
            }
            Optional<CheckOutcome> set = read(entry, claims.issuer());
            if (set.isPresent()) {
                return set.get();
            }
        }
        return CheckOutcome.passed("status", "neither revoked nor suspended on the issuer's status lists, fetched now");
    }

    /** The outcome when the entry's bit is set or cannot be read; empty when it is clear. */
    private Optional<CheckOutcome> read(SignedClaims.StatusEntry entry, String issuer) {
        String url = entry.listCredential();
        JsonObject list;
        try {
            list = documents.get(url);
        } catch (OutsideDocuments.Unavailable e) {
            return Optional.of(failed(UNKNOWN, "whether it is " + adjective(entry) + " is unknown: its "
                    + entry.purpose() + " list could not be had (" + e.getMessage() + ")"));
        }
        ProofCheck.Outcome proof = proofCheck.check(list);
        if (!proof.holds()) {
            List<Verification.Check> checks = proof.checks();
            return Optional.of(failed(UNKNOWN, "whether it is " + adjective(entry) + " is unknown: the status list "
                    + url + " is not validly signed (" + checks.get(checks.size() - 1).detail() + ")"));
        }
        if (!issuer.equals(proof.claims().orElseThrow().issuer())) {
            return Optional.of(failed("invalid", "the status list " + url + " is signed by "
                    + proof.claims().orElseThrow().issuer() + ", not by the credential's issuer"));
        }
        Optional<StatusListCredential> bits = StatusListCredential.read(proof.signed().orElseThrow());
        if (bits.isEmpty() || !bits.get().purpose().equals(entry.purpose())) {
            return Optional.of(failed("invalid", "the status list " + url + " is not a " + entry.purpose()
                    + " list that this hub can read"));
        }
        Optional<Boolean> set = bits.get().isSet(index(entry));
        if (set.isEmpty()) {
            return Optional.of(failed("invalid", "the status list " + url + " has no entry " + entry.index()));
        }
        return set.get() ? Optional.of(failed(adjective(entry), adjective(entry) + ": the issuer's " + entry.purpose()
                + " list " + url + " has this credential's bit set")) : Optional.empty();
    }

    private static String adjective(SignedClaims.StatusEntry entry) {
        return entry.purpose().equals("revocation") ? "revoked" : "suspended";
    }

    private static long index(SignedClaims.StatusEntry entry) {
        try {
            return entry.index() == null ? -1 : Long.parseLong(entry.index());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static CheckOutcome failed(String status, String detail) {
        return CheckOutcome.failed("status", status, detail);
    }
}
