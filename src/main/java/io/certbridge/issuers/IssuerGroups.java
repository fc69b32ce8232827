package io.certbridge.issuers;

import io.certbridge.delivery.Delivery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The calls a round makes to outside issuers: each account's deliveries in groups of what one call carries, and only
 * as many calls as the account's {@link RequestShaper} has places for now; the rest wait for a later round. The
 * deliveries of an account no longer configured go one by one, for their connector to fail them.
 */
@org.springframework.stereotype.Component
public class IssuerGroups {

    private final IssuerSettings settings;
    private final RequestShaper shaper;

    IssuerGroups(IssuerSettings settings, RequestShaper shaper) {
        this.settings = settings;
        this.shaper = shaper;
    }

    /**
     * Whether an account of this type may be called now: an ISSUE or STATUS connector is {@code ready} only then, so
     * that a round claims its deliveries only when it can send some.
     */
    public boolean anyPlace(IssuerType type) {
        return settings.issuers().entrySet().stream()
                .anyMatch(e -> e.getValue().issuerType() == type && shaper.available(e.getKey()) >= 1);
    }

    /**
     * @param perCall how many deliveries of an account one call carries (its batch size, or 1)
     */
    public List<List<Delivery>> shaped(List<Delivery> claimed, ToIntFunction<IssuerSettings.Account> perCall) {
        Map<String, List<Delivery>> byIssuer = new LinkedHashMap<>();
        claimed.forEach(d -> byIssuer.computeIfAbsent(d.text("issuer"), name -> new ArrayList<>()).add(d));
        List<List<Delivery>> groups = new ArrayList<>();
        byIssuer.forEach((issuer, deliveries) -> settings.account(issuer).ifPresentOrElse(account -> {
            int size = Math.max(1, perCall.applyAsInt(account));
            for (int from = 0; from < deliveries.size() && shaper.tryAcquire(issuer); from += size) {
                groups.add(List.copyOf(deliveries.subList(from, Math.min(deliveries.size(), from + size))));
            }
        }, () -> deliveries.forEach(d -> groups.add(List.of(d)))));
        return groups;
    }
}
