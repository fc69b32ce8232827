package io.certbridge.issuers.trueapi;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.issuance.OutsideIssuance;
import io.certbridge.issuers.IssuerCalls;
import io.certbridge.issuers.IssuerSettings;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What TRUE made of the certificates the hub asked of it, adopted: each TRUE certificate is the hub's certificate
 * named by its {@code fields.certbridge_id}; a finished batch's certificates are adopted and its per-recipient
 * errors fail theirs with TRUE's words, in one transaction with the call marked done.
 */
@Component
class TrueBatches {

    private static final Logger log = LoggerFactory.getLogger(TrueBatches.class);

    /** The template field that carries the hub's certificate id, so that TRUE's certificate can always be found. */
    static final String REFERENCE = "certbridge_id";
    /** The template field that carries the id of the call that asked for it, to find what one call created. */
    static final String CALL = "certbridge_call";

    private final TrueApi api;
    private final OutsideIssuance issuance;
    private final IssuerCalls calls;
    private final TransactionTemplate transaction;

    TrueBatches(TrueApi api, OutsideIssuance issuance, IssuerCalls calls, TransactionTemplate transaction) {
        this.api = api;
        this.issuance = issuance;
        this.calls = calls;
        this.transaction = transaction;
    }

    /** TRUE's certificates that are among {@code expected}, as issued. */
    static List<OutsideIssuance.Issued> issued(Collection<JsonNode> certificates, Collection<String> expected) {
        Set<String> wanted = new HashSet<>(expected);
        return certificates.stream()
                .filter(c -> wanted.contains(c.path("fields").path(REFERENCE).asText()))
                .map(TrueBatches::issued).toList();
    }

    static OutsideIssuance.Issued issued(JsonNode certificate) {
        return new OutsideIssuance.Issued(certificate.path("fields").path(REFERENCE).asText(),
                certificate.path("id").asText(), certificate.path("verification_url").asText(null));
    }

    /** What one call created at TRUE, found by the call's id in the template fields. */
    List<JsonNode> createdBy(String issuer, IssuerSettings.Account account, String callId)
            throws InterruptedException {
        return api.list(issuer, account, TrueApi.field(CALL, callId));
    }

    /** Adopts what a call created and marks the call done: its certificates not found were not created. */
    void adopt(IssuerCalls.Call call, List<JsonNode> found) {
        transaction.executeWithoutResult(status -> {
            issuance.issued(issued(found, call.certificateIds()));
            calls.done(call.id());
        });
    }

    /**
     * Settles a call that made batch {@code batchId} if TRUE has finished it: its certificates adopted, the
     * recipients it refused failed with TRUE's words (by their index in the call), the call done.
     *
     * @return false while TRUE still processes it
     */
    boolean settle(String issuer, IssuerSettings.Account account, IssuerCalls.Call call, String batchId)
            throws InterruptedException {
        TrueAnswer batch = api.get(issuer, account, "/v1/batches/" + TrueApi.encode(batchId));
        if (!batch.ok()) {
            log.warn("TRUE answered batch {} of issuer {} with {}; asked again later", batchId, issuer, batch.words());
            return false;
        }
        if (!"completed".equals(batch.body().path("status").asText())) {
            return false;
        }
        // what TRUE's webhooks have not told of yet is looked for in the list of the batch's certificates
        boolean allKnown = issuance.certificates(call.certificateIds()).stream()
                .allMatch(c -> c.issuer() == null || c.issuer().externalId() != null || !"pending".equals(c.status()));
        List<JsonNode> created = allKnown ? List.of()
                : api.list(issuer, account, "batch_id=" + TrueApi.encode(batchId));
        List<OutsideIssuance.Issued> issued = issued(created, call.certificateIds());
        Map<String, String> refused = new LinkedHashMap<>();
        batch.body().path("errors").forEach(error -> {
            int index = error.path("index").asInt(-1);
            if (index >= 0 && index < call.certificateIds().size()) {
                refused.put(call.certificateIds().get(index), error.path("message").asText() + " ("
                        + error.path("code").asText() + ")");
            }
        });
        if (!allKnown) {
            Set<String> accounted = new HashSet<>(refused.keySet());
            issued.forEach(i -> accounted.add(i.certificateId()));
            call.certificateIds().stream().filter(id -> !accounted.contains(id)).forEach(id ->
                    refused.put(id, "TRUE finished batch " + batchId + " without issuing it"));
        }
        transaction.executeWithoutResult(status -> {
            issuance.issued(issued);
            issuance.refused(refused);
            calls.done(call.id());
        });
        if (!refused.isEmpty()) {
            log.warn("TRUE refused {} of the {} certificates of batch {} (issuer {})", refused.size(),
                    call.certificateIds().size(), batchId, issuer);
        }
        return true;
    }
}
