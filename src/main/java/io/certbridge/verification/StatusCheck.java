package io.certbridge.verification;

import io.certbridge.credential.StatusLists;
import io.certbridge.credential.StatusPurpose;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads a credential's Bitstring Status List entries: this hub's against its own lists, another issuer's by fetching
 * its lists ({@link ForeignStatusCheck}).
 */
@Component
class StatusCheck {

    static final String ENTRY_TYPE = "https://www.w3.org/ns/credentials/status#BitstringStatusListEntry";

    private final StatusLists statusLists;
    private final ForeignStatusCheck foreign;

    StatusCheck(StatusLists statusLists, ForeignStatusCheck foreign) {
        this.statusLists = statusLists;
        this.foreign = foreign;
    }

    CheckOutcome check(SignedClaims claims, boolean issuedByThisHub) {
        if (claims.statusEntries().isEmpty()) {
            return passed("the credential has no status list, so it cannot be revoked or suspended");
        }
        if (!issuedByThisHub) {
            return foreign.check(claims);
        }
        Map<Long, Optional<StatusPurpose>> setAt = new HashMap<>();
        for (StatusPurpose purpose : StatusPurpose.values()) {
            for (SignedClaims.StatusEntry entry : claims.statusEntries()) {
                if (!entry.types().equals(List.of(ENTRY_TYPE)) || entry.purpose() == null) {
                    return failed("invalid", "a status entry of type " + entry.types()
                            + " is not understood; this hub reads BitstringStatusListEntry");
                }
                if (!purpose.value.equals(entry.purpose())) {
                    continue;
                }
                Optional<Long> index = statusLists.ownIndex(entry.listCredential(), purpose, entry.index());
                if (index.isEmpty()) {
                    return failed("invalid", "the status list " + entry.listCredential() + " is not one of this "
                            + "hub's, although the hub issued the credential");
                }
                if (setAt.computeIfAbsent(index.get(), statusLists::setAt).equals(Optional.of(purpose))) {
                    String status = purpose == StatusPurpose.REVOCATION ? "revoked" : "suspended";
                    return failed(status, status + ": the issuer's " + purpose.value + " list has this credential's bit set");
                }
            }
        }
        return passed("neither revoked nor suspended on the issuer's status lists");
    }

    private static CheckOutcome passed(String detail) {
        return CheckOutcome.passed("status", detail);
    }

    private static CheckOutcome failed(String status, String detail) {
        return CheckOutcome.failed("status", status, detail);
    }
}
