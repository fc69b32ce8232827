package io.certbridge.issuers.swanshare;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.issuance.OutsideIssuance;
import io.certbridge.issuers.HexHmac;
import io.certbridge.issuers.IssuerSettings;
import io.certbridge.issuers.IssuerType;
import io.certbridge.issuers.IssuerWebhook;
import io.certbridge.shared.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SwanShare's webhooks at {@code /hooks/issuers/<name>}: signed {@code X-SwanShare-Signature: sha256=<hex HMAC-SHA256
 * of the raw body>} with the account's {@code webhook-secret}, compared in constant time. {@code credential.issued}
 * names the credentials one request created; those the hub does not know yet (a call whose answer was lost) are
 * fetched one by one and adopted when their {@code fields.certbridge_id} is a certificate of this account still
 * waiting for them. Sent late, again or twice, it changes nothing more. {@code document.signed} is not about
 * certificates and is taken without effect.
 */
@Component
class SwanShareWebhook implements IssuerWebhook {

    private static final Logger log = LoggerFactory.getLogger(SwanShareWebhook.class);
    private static final String SIGNATURE = "x-swanshare-signature";
    /** Long enough for a call in flight to be answered (its timeout) and recorded. */
    private static final Duration AWAIT_CALLS = Duration.ofSeconds(35);

    private final OutsideIssuance issuance;
    private final SwanShareCredentials credentials;
    private final CallsInFlight inFlight;
    private final TransactionTemplate transaction;
    private final Json json;
    private final Set<String> adopting = ConcurrentHashMap.newKeySet();

    SwanShareWebhook(OutsideIssuance issuance, SwanShareCredentials credentials, CallsInFlight inFlight,
                     TransactionTemplate transaction, Json json) {
        this.issuance = issuance;
        this.credentials = credentials;
        this.inFlight = inFlight;
        this.transaction = transaction;
        this.json = json;
    }

    @Override
    public IssuerType type() {
        return IssuerType.SWANSHARE;
    }

    @Override
    public boolean authentic(IssuerSettings.Account account, Map<String, String> headers, byte[] body,
                             String urlSecret) {
        return HexHmac.matches(account.webhookSecret(), body, headers.get(SIGNATURE), "sha256=");
    }

    @Override
    public void receive(String issuer, IssuerSettings.Account account, Map<String, String> headers, byte[] body) {
        JsonNode event;
        try {
            event = json.read(new String(body, StandardCharsets.UTF_8), JsonNode.class);
        } catch (RuntimeException notJson) {
            throw new IllegalArgumentException("The body is not SwanShare's JSON");
        }
        if (!"credential.issued".equals(event.path("event").asText())) {
            return;
        }
        JsonNode named = event.path("data").path("credentials");
        if (!named.isArray()) {
            throw new IllegalArgumentException("credential.issued names no credentials");
        }
        Map<String, String> urls = new LinkedHashMap<>();
        named.forEach(c -> urls.put(c.path("verify_id").asText(), c.path("verify_url").asText()));
        urls.remove("");
        try {
            adopt(issuer, account, urls);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Stopped while adopting SwanShare's credentials", e);
        }
    }

    private void adopt(String issuer, IssuerSettings.Account account, Map<String, String> urls)
            throws InterruptedException {
        if (unknown(issuer, urls).isEmpty()) {
            return;
        }
        // a call of this hub's may have made them, its answer not recorded yet: then they are known once it is
        inFlight.awaitEnded(issuer, AWAIT_CALLS);
        for (String verifyId : unknown(issuer, urls)) {
            if (!adopting.add(issuer + "/" + verifyId)) {
                continue;
            }
            try {
                credentials.fetch(issuer, account, verifyId)
                        .map(found -> found.path("credential").path("fields").path(CredentialItems.CERTIFICATE_ID))
                        .filter(JsonNode::isTextual)
                        .map(JsonNode::asText)
                        .filter(certificateId -> waiting(issuer, certificateId))
                        .ifPresent(certificateId -> {
                            transaction.executeWithoutResult(status -> issuance.issued(List.of(
                                    new OutsideIssuance.Issued(certificateId, verifyId, urls.get(verifyId)))));
                            log.info("Issuer {}: adopted SwanShare credential {} as certificate {}, issued by a call "
                                    + "whose answer was lost", issuer, verifyId, certificateId);
                        });
            } finally {
                adopting.remove(issuer + "/" + verifyId);
            }
        }
    }

    private List<String> unknown(String issuer, Map<String, String> urls) {
        Set<String> known = issuance.byExternalId(issuer, urls.keySet()).keySet();
        return urls.keySet().stream().filter(id -> !known.contains(id)).toList();
    }

    /** A certificate of this account that SwanShare has not issued yet, as far as the hub knows. */
    private boolean waiting(String issuer, String certificateId) {
        return issuance.certificates(List.of(certificateId)).stream().anyMatch(c -> c.issuer() != null
                && issuer.equals(c.issuer().name()) && c.issuer().externalId() == null
                && ("pending".equals(c.status()) || "failed".equals(c.status())));
    }
}
