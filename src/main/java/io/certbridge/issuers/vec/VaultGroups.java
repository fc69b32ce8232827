package io.certbridge.issuers.vec;

import io.certbridge.delivery.Delivery;
import io.certbridge.issuers.IssuerSettings;
import io.certbridge.issuers.RequestShaper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The calls a round makes to VEC.digital, sized by the places each account's {@link RequestShaper} has now, since
 * every request counts against the token's limit: a single upload takes one place; a bulk upload of n certificates
 * takes n + 1 (n files to /upload-file, then /bulk), so a group goes in bulk only when there are places for at least
 * two files and the bulk request, and holds at most {@code batch-size} certificates. What has no place waits for a
 * later round. (A single upload asks one request per certificate, a bulk one slightly more: bulk is for the
 * certificates a round has places for together.) The deliveries of an account no longer configured go one by
 * one, for the connector to fail them.
 */
@Component
class VaultGroups {

    private static final int SMALLEST_BULK = 2;

    private final IssuerSettings settings;
    private final RequestShaper shaper;

    VaultGroups(IssuerSettings settings, RequestShaper shaper) {
        this.settings = settings;
        this.shaper = shaper;
    }

    List<List<Delivery>> shaped(List<Delivery> claimed) {
        Map<String, List<Delivery>> byIssuer = new LinkedHashMap<>();
        claimed.forEach(d -> byIssuer.computeIfAbsent(d.text("issuer"), name -> new ArrayList<>()).add(d));
        List<List<Delivery>> groups = new ArrayList<>();
        byIssuer.forEach((issuer, deliveries) -> settings.account(issuer).ifPresentOrElse(
                account -> groups.addAll(shaped(issuer, account, deliveries)),
                () -> deliveries.forEach(d -> groups.add(List.of(d)))));
        return groups;
    }

    private List<List<Delivery>> shaped(String issuer, IssuerSettings.Account account, List<Delivery> deliveries) {
        List<List<Delivery>> groups = new ArrayList<>();
        int from = 0;
        while (from < deliveries.size()) {
            int size = Math.min(Math.min(account.batchSizeOrDefault(), deliveries.size() - from),
                    shaper.available(issuer) - 1);
            int taken = size >= SMALLEST_BULK ? take(issuer, size + 1) - 1 : take(issuer, 1);
            if (taken < 1) {
                break;
            }
            groups.add(List.copyOf(deliveries.subList(from, from + taken)));
            from += taken;
        }
        return groups;
    }

    /** Takes up to {@code places} places now; how many it got. */
    private int take(String issuer, int places) {
        int taken = 0;
        while (taken < places && shaper.tryAcquire(issuer)) {
            taken++;
        }
        return taken;
    }
}
