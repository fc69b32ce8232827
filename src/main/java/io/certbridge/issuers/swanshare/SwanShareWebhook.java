package io.certbridge.issuers.swanshare;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.issuance.OutsideIssuance;
import io.certbridge.issuers.HexHmac;
import io.certbridge.issuers.IssuerCalls;
import io.certbridge.issuers.IssuerSettings;
import io.certbridge.issuers.IssuerType;
import io.certbridge.issuers.IssuerWebhook;
import io.certbridge.shared.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SwanShare's webhooks at {@code /hooks/issuers/<name>}: signed {@code X-SwanShare-Signature: sha256=<hex HMAC-SHA256
 * of the raw body>} with the account's {@code webhook-secret}, compared in constant time. {@code credential.issued}
 * names the credentials one request created; those the hub does not know yet (a call whose answer was lost) are
 * fetched ({@code GET /v1/credentials/{verify_id}}) and adopted as the certificate their {@code fields.certbridge_id}
 * names, when it is one of this account's still waiting: the whole call at once when the first and last credentials
 * are its first and last certificates, else one by one. Sent late, again or twice, it changes nothing more. {@code document.signed} is not about
 * certificates and is taken without effect.
 */
@Component
class SwanShareWebhook implements IssuerWebhook {

    private static final Logger log = LoggerFactory.getLogger(SwanShareWebhook.class);
    private static final String SIGNATURE = "x-swanshare-signature";
    /** Long enough for a call in flight to be answered (its timeout) and recorded. */
    private static final Duration AWAIT_CALLS = Duration.ofSeconds(35);

    private final OutsideIssuance issuance;
    private final IssuerCalls calls;
    private final SwanShareCredentials credentials;
    private final CallsInFlight inFlight;
    private final TransactionTemplate transaction;
    private final Json json;

    SwanShareWebhook(OutsideIssuance issuance, IssuerCalls calls, SwanShareCredentials credentials,
                     CallsInFlight inFlight, TransactionTemplate transaction, Json json) {
        this.issuance = issuance;
        this.calls = calls;
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
        List<String> unknown = unknown(issuer, urls);
        if (unknown.isEmpty() || adoptedAsCall(issuer, account, urls, unknown.getFirst())) {
            return;
        }
        for (String verifyId : unknown) {
            certificateOf(issuer, account, verifyId).ifPresent(id -> adopt(issuer, List.of(
                    new OutsideIssuance.Issued(id, verifyId, urls.get(verifyId)))));
        }
    }

    /**
     * The webhook lists a request's credentials in the order of its items: when its first unknown credential is a
     * certificate at the same place of an uncertain call of as many certificates, and its last one is that call's
     * last, every credential is the call's certificate at its place, and two look-ups adopt the whole call.
     */
    private boolean adoptedAsCall(String issuer, IssuerSettings.Account account, Map<String, String> urls,
                                  String probe) throws InterruptedException {
        List<String> named = List.copyOf(urls.keySet());
        Optional<String> probed = certificateOf(issuer, account, probe);
        if (probed.isEmpty()) {
            return false;
        }
        Optional<IssuerCalls.Call> call = calls.uncertain(issuer, List.of(probed.get())).stream()
                .filter(c -> c.certificateIds().size() == named.size()
                        && c.certificateIds().indexOf(probed.get()) == named.indexOf(probe))
                .findFirst();
        if (call.isEmpty() || !(named.size() == 1 || certificateOf(issuer, account, named.getLast())
                .equals(Optional.of(call.get().certificateIds().getLast())))) {
            return false;
        }
        List<String> ids = call.get().certificateIds();
        adopt(issuer, IntStream.range(0, ids.size())
                .mapToObj(i -> new OutsideIssuance.Issued(ids.get(i), named.get(i), urls.get(named.get(i))))
                .toList());
        return true;
    }

    /** The certificate a credential is, by its {@code fields.certbridge_id}, if it is one of this account's. */
    private Optional<String> certificateOf(String issuer, IssuerSettings.Account account, String verifyId)
            throws InterruptedException {
        return credentials.fetch(issuer, account, verifyId)
                .map(found -> found.path("credential").path("fields").path(CredentialItems.CERTIFICATE_ID))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .filter(id -> ours(issuer, id));
    }

    /** Issues those of the certificates the hub still waits for (the others are left as they are). */
    private void adopt(String issuer, List<OutsideIssuance.Issued> issued) {
        transaction.executeWithoutResult(status -> issuance.issued(issued));
        log.info("Issuer {}: adopted {} SwanShare credential(s) ({} …) issued by a call whose answer was lost",
                issuer, issued.size(), issued.getFirst().externalId());
    }

    private List<String> unknown(String issuer, Map<String, String> urls) {
        Set<String> known = issuance.byExternalId(issuer, urls.keySet()).keySet();
        return urls.keySet().stream().filter(id -> !known.contains(id)).toList();
    }

    /** A certificate of this account's. */
    private boolean ours(String issuer, String certificateId) {
        return issuance.certificates(List.of(certificateId)).stream()
                .anyMatch(c -> c.issuer() != null && issuer.equals(c.issuer().name()));
    }
}
