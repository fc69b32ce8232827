package io.certbridge.issuers.trueapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.backbone.CertificateEvents;
import io.certbridge.issuance.Certificate;
import io.certbridge.issuance.OutsideIssuance;
import io.certbridge.issuers.HexHmac;
import io.certbridge.issuers.IssuerSettings;
import io.certbridge.issuers.IssuerType;
import io.certbridge.issuers.IssuerWebhook;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * TRUE's webhooks {@code {"event","certificate_id","timestamp","data"}}: authentic when {@code X-True-Signature} is
 * the hex HMAC-SHA256 of the raw body with the account's webhook secret (compared in constant time) or, with
 * {@code webhook-auth: url-secret}, when the URL's {@code ?secret=} is the secret. {@code certificate.issued}
 * adopts the certificate named by its {@code data.fields.certbridge_id}; {@code .viewed}, {@code .shared} and
 * {@code .verified} become the hub's events of the same names for that certificate, with TRUE's data;
 * {@code .revoked} (a revocation made in TRUE's dashboard) revokes it in the hub too, whose forwarding of it TRUE
 * then answers {@code certificate_revoked}, which ends there. Retries carry the same {@code X-True-Delivery}: the
 * last ones seen are remembered, and adopting or revoking twice changes nothing anyway.
 */
@Component
class TrueWebhook implements IssuerWebhook {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REMEMBERED = 10_000;

    private final OutsideIssuance issuance;
    private final CertificateEvents events;
    private final TransactionTemplate transaction;
    private final Set<String> seen = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    TrueWebhook(OutsideIssuance issuance, CertificateEvents events, TransactionTemplate transaction) {
        this.issuance = issuance;
        this.events = events;
        this.transaction = transaction;
    }

    @Override
    public IssuerType type() {
        return IssuerType.TRUE;
    }

    @Override
    public boolean authentic(IssuerSettings.Account account, Map<String, String> headers, byte[] body,
                             String urlSecret) {
        if (account.secretInUrl()) {
            return HexHmac.sameSecret(account.webhookSecret(), urlSecret);
        }
        return HexHmac.matches(account.webhookSecret(), body, headers.get("x-true-signature"), "");
    }

    @Override
    public void receive(String issuer, IssuerSettings.Account account, Map<String, String> headers, byte[] body) {
        JsonNode hook;
        try {
            hook = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("TRUE's webhook is not JSON");
        }
        String event = hook.path("event").asText();
        String delivery = headers.get("x-true-delivery");
        if (delivery != null && seen.contains(issuer + " " + delivery)) {
            return;
        }
        JsonNode data = hook.path("data");
        switch (event) {
            case "certificate.issued" -> adopt(issuer, hook.path("certificate_id").asText(), data);
            case "certificate.viewed", "certificate.shared", "certificate.verified" ->
                    ours(issuer, hook.path("certificate_id").asText()).ifPresent(id ->
                            events.announceEngagement(event, id, engagement(issuer, id, hook)));
            case "certificate.revoked" -> ours(issuer, hook.path("certificate_id").asText()).ifPresent(id ->
                    transaction.executeWithoutResult(status ->
                            issuance.revoked(id, data.path("reason").asText("Revoked in TRUE"))));
            default -> {
                // an event TRUE adds later means nothing to the hub yet
            }
        }
        if (delivery != null) {
            seen.add(issuer + " " + delivery);
        }
    }

    /** Adopts the certificate TRUE issued for one of this account's certificates. */
    private void adopt(String issuer, String externalId, JsonNode data) {
        String ours = data.path("fields").path(TrueBatches.REFERENCE).asText(null);
        if (ours == null) {
            return;
        }
        boolean ofThisAccount = issuance.certificates(List.of(ours)).stream().map(Certificate::issuer)
                .anyMatch(i -> i != null && issuer.equals(i.name()));
        if (ofThisAccount) {
            transaction.executeWithoutResult(status -> issuance.issued(List.of(new OutsideIssuance.Issued(ours,
                    externalId, data.path("verification_url").asText(null)))));
        }
    }

    private java.util.Optional<String> ours(String issuer, String externalId) {
        return java.util.Optional.ofNullable(issuance.byExternalId(issuer, List.of(externalId)).get(externalId));
    }

    /** The hub's engagement event: the certificate, where it came from, and what TRUE said of it. */
    private static Map<String, Object> engagement(String issuer, String certificateId, JsonNode hook) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("certificate_id", certificateId);
        data.put("channel", hook.path("data").path("channel").asText(hook.path("data").path("method").asText("true")));
        data.put("issuer", issuer);
        data.put("external_id", hook.path("certificate_id").asText());
        data.put("occurred_at", hook.path("timestamp").asText(null));
        data.put("issuer_data", JSON.convertValue(hook.path("data"), Map.class));
        return data;
    }
}
