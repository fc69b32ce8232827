package io.certbridge.issuers.vec;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.document.VerifiedDocuments;
import io.certbridge.issuance.OutsideIssuance;
import io.certbridge.issuers.IssuerCalls;
import io.certbridge.issuers.IssuerSettings;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the hub does with a certificate VEC.digital works on, once it sees how it stands there (in the list, its
 * view, or told by a webhook and then viewed): {@code approved} (the guide's name) or {@code generated} (the API
 * reference's): its verified PDF is downloaded and kept as the certificate's PDF, and the certificate is issued with
 * VEC.digital's uuid and verification address; {@code failed}: processing is retried there, at most the account's
 * {@code max-retries} times, and then the certificate is refused with VEC.digital's words; {@code processing}: it
 * is followed by its uuid. Seeing the same state twice does nothing more: an issued certificate's call is done.
 *
 * <p>Each retry is a call of its own in the call log ({@code retry <n>}), recorded before it is made and followed
 * at once, so that the count survives a restart; a retry of a certificate no longer failed is refused by VEC.digital
 * (400) and harmless.
 */
@Component
class VaultFollowing {

    static final String ISSUE = "issue";
    private static final String RETRY = "retry ";

    private final IssuerCalls calls;
    private final VaultClient client;
    private final OutsideIssuance issuance;
    private final VerifiedDocuments documents;
    private final TransactionTemplate transaction;
    private final Clock clock;

    VaultFollowing(IssuerCalls calls, VaultClient client, OutsideIssuance issuance, VerifiedDocuments documents,
                   TransactionTemplate transaction, Clock clock) {
        this.calls = calls;
        this.client = client;
        this.issuance = issuance;
        this.documents = documents;
        this.transaction = transaction;
        this.clock = clock;
    }

    /**
     * Where VEC.digital's public verification of a certificate is: {@code <base-url>/verify/<reference_id>}, the
     * address its QR code stamps on the verified PDF (the guide names no other).
     */
    static String verificationUrl(IssuerSettings.Account account, String referenceId) {
        return account.base() + "/verify/" + referenceId;
    }

    /** Acts on the vault certificate {@code item} (uuid, reference_id, status) that the call created or adopted. */
    void seen(String issuer, IssuerSettings.Account account, IssuerCalls.Call call, JsonNode item)
            throws InterruptedException {
        String uuid = item.path("uuid").asText();
        String certificateId = call.certificateIds().getFirst();
        switch (item.path("status").path("value").asText()) {
            case "approved", "generated" -> issued(issuer, account, call, certificateId, uuid,
                    item.path("reference_id").asText());
            case "failed" -> failed(issuer, account, call, certificateId, uuid, item);
            case "rejected", "revoked" -> refused(call, certificateId, "VEC.digital shows the certificate "
                    + item.path("status").path("value").asText() + " (" + uuid + ")");
            default -> {
                if (!uuid.equals(call.externalRef())) {
                    calls.answered(call.id(), uuid);
                }
            }
        }
    }

    private void issued(String issuer, IssuerSettings.Account account, IssuerCalls.Call call, String certificateId,
                        String uuid, String referenceId) throws InterruptedException {
        VaultAnswer pdf;
        try {
            pdf = client.call(issuer, "GET", VaultClient.VAULT + "/" + uuid + "/download", null);
        } catch (VaultFailure failure) {
            if (failure.status() == 404) {
                return; // "The certificate may still be processing": looked at again later
            }
            throw failure;
        }
        String url = verificationUrl(account, referenceId);
        transaction.executeWithoutResult(status -> {
            documents.store(certificateId, "application/pdf", pdf.body(), clock.instant());
            issuance.issued(List.of(new OutsideIssuance.Issued(certificateId, uuid, url)));
            calls.done(call.id());
        });
    }

    private void failed(String issuer, IssuerSettings.Account account, IssuerCalls.Call call, String certificateId,
                        String uuid, JsonNode item) throws InterruptedException {
        int retried = retries(call);
        if (retried >= account.maxRetriesOrDefault()) {
            refused(call, certificateId, "VEC.digital could not process the certificate ("
                    + item.path("status").path("description").asText("failed") + "), also after " + retried
                    + " retr" + (retried == 1 ? "y" : "ies"));
            return;
        }
        String retry = calls.calling(issuer, RETRY + (retried + 1), List.of(certificateId));
        transaction.executeWithoutResult(status -> {
            calls.answered(retry, uuid);
            calls.done(call.id());
        });
        try {
            client.call(issuer, "POST", VaultClient.VAULT + "/" + uuid + "/retry", null);
        } catch (VaultFailure failure) {
            if (failure.status() != 400) {
                throw failure; // the retry call stays followed: seen failed again, it is retried again
            }
        }
    }

    private void refused(IssuerCalls.Call call, String certificateId, String words) {
        transaction.executeWithoutResult(status -> {
            issuance.refused(Map.of(certificateId, words));
            calls.refused(call.id(), words);
        });
    }

    private static int retries(IssuerCalls.Call call) {
        return call.operation().startsWith(RETRY) ? Integer.parseInt(call.operation().substring(RETRY.length())) : 0;
    }
}
