package io.certbridge.issuers.vec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.issuers.HexHmac;
import io.certbridge.issuers.IssuerCalls;
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

/**
 * VEC.digital's webhooks at {@code /hooks/issuers/<name>}: authentic when {@code X-Webhook-Signature} is the hex
 * HMAC-SHA256 of the raw body with the account's {@code webhook-secret} (compared in constant time). An
 * {@code approved} or {@code generated} event, or {@code failed}, of a certificate the hub follows has it viewed
 * ({@code GET /{uuid}}: what VEC.digital says now, not what the event said, since events may come late, twice or out
 * of order) and then taken where it stands ({@link VaultFollowing}); the other events change nothing. VEC.digital
 * sends no viewed or shared events. A delivery already acted on ({@code event}, {@code uuid} and the payload's
 * {@code timestamp}, which VEC.digital's retries repeat) is not acted on again; the {@code X-Webhook-ID} is the
 * endpoint's, the same for every event, so it tells nothing apart. A certificate not followed by its uuid yet (a
 * bulk upload's) is found by the webhook's applicant email and title ({@link VaultFollowed}) and told apart by the
 * issue date its view shows.
 */
@Component
class VecVaultWebhook implements IssuerWebhook {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REMEMBERED = 10_000;

    private final VaultFollowed followed;
    private final VaultEntries entries;
    private final VaultClient client;
    private final VaultFollowing following;
    private final VaultPermissions permissions;
    private final Set<String> actedOn = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    VecVaultWebhook(VaultFollowed followed, VaultEntries entries, VaultClient client, VaultFollowing following,
                    VaultPermissions permissions) {
        this.followed = followed;
        this.entries = entries;
        this.client = client;
        this.following = following;
        this.permissions = permissions;
    }

    @Override
    public IssuerType type() {
        return IssuerType.VEC_VAULT;
    }

    @Override
    public boolean authentic(IssuerSettings.Account account, Map<String, String> headers, byte[] body,
                             String urlSecret) {
        return HexHmac.matches(account.webhookSecret(), body, headers.get("x-webhook-signature"), "");
    }

    @Override
    public void receive(String issuer, IssuerSettings.Account account, Map<String, String> headers, byte[] body) {
        JsonNode payload = payload(body);
        String event = headers.getOrDefault("x-webhook-event", payload.path("event").asText());
        String uuid = payload.path("uuid").asText("");
        if (uuid.isEmpty()) {
            throw new IllegalArgumentException("The webhook names no certificate (uuid)");
        }
        if (!(event.endsWith(".approved") || event.endsWith(".generated") || event.endsWith(".failed"))) {
            return;
        }
        String delivery = event + " " + uuid + " " + payload.path("timestamp").asText();
        if (actedOn.contains(delivery)) {
            return;
        }
        List<IssuerCalls.Call> candidates = followed.candidates(issuer, uuid,
                payload.path("applicant_email").asText(""), payload.path("certificate_title").asText(""));
        if (!candidates.isEmpty()) {
            act(issuer, account, candidates, uuid);
        }
        actedOn.add(delivery);
    }

    private void act(String issuer, IssuerSettings.Account account, List<IssuerCalls.Call> candidates, String uuid) {
        try {
            JsonNode item = client.call(issuer, "GET", VaultClient.VAULT + "/" + uuid, null).json().path("data");
            if (candidates.size() == 1 && uuid.equals(candidates.getFirst().externalRef())) {
                following.seen(issuer, account, candidates.getFirst(), item);
                return;
            }
            Map<String, VaultEntry> entries = this.entries.of(this.entries.pending(candidates.stream()
                    .map(call -> call.certificateIds().getFirst()).toList()).values());
            for (IssuerCalls.Call call : candidates) {
                VaultEntry entry = entries.get(call.certificateIds().getFirst());
                if (entry != null && entry.key().equals(VaultEntry.Key.of(item))) {
                    following.seen(issuer, account, call, item);
                    return;
                }
            }
        } catch (VaultFailure failure) {
            permissions.pauseIfRefused(issuer, failure.answer());
            throw failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while following " + uuid + " at VEC.digital", e);
        }
    }

    private static JsonNode payload(byte[] body) {
        try {
            JsonNode payload = JSON.readTree(body);
            if (payload == null || !payload.isObject()) {
                throw new IllegalArgumentException("The webhook's body is not a JSON object");
            }
            return payload;
        } catch (IOException e) {
            throw new IllegalArgumentException("The webhook's body is not JSON");
        }
    }
}
