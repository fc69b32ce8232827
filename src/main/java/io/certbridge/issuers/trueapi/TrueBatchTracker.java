package io.certbridge.issuers.trueapi;

import io.certbridge.issuers.IssuerCalls;
import io.certbridge.issuers.IssuerSettings;
import io.certbridge.issuers.IssuerTracker;
import io.certbridge.issuers.IssuerType;
import org.springframework.stereotype.Component;

/**
 * Follows the batches TRUE accepted ({@code GET /v1/batches/{id}}, each call waiting for its place under the
 * account's limit) until they are completed, then adopts their certificates and fails the recipients TRUE refused,
 * with its words. Webhooks ({@code certificate.issued}) may have adopted most of them already; adopting again does
 * nothing.
 */
@Component
class TrueBatchTracker implements IssuerTracker {

    /** Batches looked at per poll and account, oldest first. */
    private static final int PER_POLL = 20;

    private final IssuerCalls calls;
    private final TrueBatches batches;

    TrueBatchTracker(IssuerCalls calls, TrueBatches batches) {
        this.calls = calls;
        this.batches = batches;
    }

    @Override
    public IssuerType type() {
        return IssuerType.TRUE;
    }

    @Override
    public void track(String issuer, IssuerSettings.Account account) throws InterruptedException {
        for (IssuerCalls.Call call : calls.following(issuer, PER_POLL)) {
            batches.settle(issuer, account, call, call.externalRef());
        }
    }
}
