package io.certbridge.issuers.vec;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.issuers.IssuerCalls;
import io.certbridge.issuers.IssuerSettings;
import io.certbridge.issuers.IssuerTracker;
import io.certbridge.issuers.IssuerType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Follows the certificates VEC.digital still processes when no webhook says they are done, and finds the ones a
 * bulk upload created (its answer names no uuid): the list, newest first, 100 a page, as far back as the
 * certificates followed reach (one request per 100 certificates), each matched by applicant email, title and issue
 * date; a certificate still not seen there is viewed by its uuid ({@code GET /{uuid}}), or looked for by its email
 * when its uuid is not known yet, a few each time. What each is then is {@link VaultFollowing}'s.
 */
@Component
class VecVaultTracker implements IssuerTracker {

    private static final int FOLLOWED_AT_ONCE = 1000;
    private static final int PER_PAGE = 100;
    private static final int MAX_PAGES = 20;
    private static final int ONE_BY_ONE = 10;

    private final IssuerCalls calls;
    private final VaultEntries entries;
    private final VaultClient client;
    private final VaultLookup lookup;
    private final VaultFollowing following;
    private final VaultPermissions permissions;

    VecVaultTracker(IssuerCalls calls, VaultEntries entries, VaultClient client, VaultLookup lookup,
                    VaultFollowing following, VaultPermissions permissions) {
        this.calls = calls;
        this.entries = entries;
        this.client = client;
        this.lookup = lookup;
        this.following = following;
        this.permissions = permissions;
    }

    @Override
    public IssuerType type() {
        return IssuerType.VEC_VAULT;
    }

    @Override
    public void track(String issuer, IssuerSettings.Account account) throws InterruptedException {
        List<IssuerCalls.Call> followed = calls.following(issuer, FOLLOWED_AT_ONCE);
        if (followed.isEmpty()) {
            return;
        }
        Map<String, IssuerCalls.Call> byCertificate = new HashMap<>();
        followed.forEach(call -> byCertificate.put(call.certificateIds().getFirst(), call));
        Map<String, VaultEntry> vault = entries.of(entries.pending(byCertificate.keySet()).values());
        Map<VaultEntry.Key, IssuerCalls.Call> unseen = new HashMap<>();
        vault.forEach((certificateId, entry) -> unseen.put(entry.key(), byCertificate.get(certificateId)));
        try {
            fromTheList(issuer, account, unseen);
            oneByOne(issuer, account, unseen, vault);
        } catch (VaultFailure failure) {
            permissions.pauseIfRefused(issuer, failure.answer());
            throw failure;
        }
    }

    private void fromTheList(String issuer, IssuerSettings.Account account,
                             Map<VaultEntry.Key, IssuerCalls.Call> unseen) throws InterruptedException {
        int pages = Math.min(MAX_PAGES, unseen.size() / PER_PAGE + 2);
        for (int page = 1; page <= pages && !unseen.isEmpty(); page++) {
            JsonNode list = client.call(issuer, "GET", VaultClient.VAULT + "?per_page=" + PER_PAGE + "&page=" + page,
                    null).json();
            List<Map.Entry<IssuerCalls.Call, JsonNode>> seen = new ArrayList<>();
            for (JsonNode item : list.path("data")) {
                IssuerCalls.Call call = unseen.remove(VaultEntry.Key.of(item));
                if (call != null) {
                    seen.add(Map.entry(call, item));
                }
            }
            act(issuer, account, seen);
            if (!list.path("links").path("next").isTextual()) {
                return;
            }
        }
    }

    private void act(String issuer, IssuerSettings.Account account, List<Map.Entry<IssuerCalls.Call, JsonNode>> seen)
            throws InterruptedException {
        try {
            VaultParallel.map(seen, each -> {
                following.seen(issuer, account, each.getKey(), each.getValue());
                return each;
            });
        } catch (InterruptedException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void oneByOne(String issuer, IssuerSettings.Account account, Map<VaultEntry.Key, IssuerCalls.Call> unseen,
                          Map<String, VaultEntry> vault) throws InterruptedException {
        for (IssuerCalls.Call call : unseen.values().stream().limit(ONE_BY_ONE).toList()) {
            if (call.externalRef() != null) {
                following.seen(issuer, account, call, client.call(issuer, "GET",
                        VaultClient.VAULT + "/" + call.externalRef(), null).json().path("data"));
            } else {
                Optional<JsonNode> found = lookup.find(issuer, vault.get(call.certificateIds().getFirst()));
                if (found.isPresent()) {
                    following.seen(issuer, account, call, found.get());
                }
            }
        }
    }
}
