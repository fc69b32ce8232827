package io.certbridge.verification;

import io.certbridge.credential.StatusLists;
import io.certbridge.credential.StatusPurpose;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
        Set<Long> positions = new HashSet<>();
        for (SignedClaims.StatusEntry entry : claims.statusEntries()) {
            Optional<StatusPurpose> purpose = StatusPurpose.of(entry.purpose());
            if (!entry.types().equals(List.of(ENTRY_TYPE)) || purpose.isEmpty()) {
                return failed("invalid", "a status entry of type " + entry.types() + " for " + entry.purpose()
                        + " is not understood; this hub reads BitstringStatusListEntry for revocation and suspension");
            }
            Optional<Long> index = statusLists.ownIndex(entry.listCredential(), purpose.get(), entry.index());
            if (index.isEmpty()) {
                return failed("invalid", "the status list " + entry.listCredential() + " is not one of this "
                        + "hub's, although the hub issued the credential");
            }
            positions.add(index.get());
        }
        // a certificate has one position in both lists, so a credential naming only its revocation entry (as Open
        // Badges 3.0 wants) is still known suspended here; revocation, which is final, is told first
        Set<StatusPurpose> set = EnumSet.noneOf(StatusPurpose.class);
        positions.forEach(position -> statusLists.setAt(position).ifPresent(set::add));
        for (StatusPurpose purpose : StatusPurpose.values()) {
            if (set.contains(purpose)) {
                String status = purpose == StatusPurpose.REVOCATION ? "revoked" : "suspended";
                return failed(status, status + ": the issuer's " + purpose.value + " list has this credential's bit set");
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
