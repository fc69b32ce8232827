package io.certbridge.issuers.swanshare;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.issuance.Certificate;
import io.certbridge.issuers.IssuerSettings;
import io.certbridge.issuers.IssuerType;
import io.certbridge.shared.problems.Unavailable;
import io.certbridge.verification.OutsideVerifier;
import io.certbridge.verification.Verification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * A SwanShare certificate is verified by SwanShare: {@code GET /v1/credentials/{verify_id}} re-runs its checks
 * (signature, hash, ledger inclusion, revocation, expiry), and its {@code valid}, {@code status} and {@code checks}
 * are the answer, with the credential as SwanShare holds it. Kept {@value #CACHE_SECONDS} s, since each look counts
 * against the account's 120 requests a minute; a visitor waits at most {@value #WAIT_SECONDS} s for one.
 */
@Component
class SwanShareVerification implements OutsideVerifier {

    static final int CACHE_SECONDS = 60;
    static final int WAIT_SECONDS = 5;
    private static final int MAX_CACHED = 10_000;

    private record Cached(Verification verification, Instant until) {
    }

    private final IssuerSettings settings;
    private final SwanShareCredentials credentials;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    SwanShareVerification(IssuerSettings settings, SwanShareCredentials credentials, Clock clock) {
        this.settings = settings;
        this.credentials = credentials;
        this.clock = clock;
    }

    @Override
    public Optional<Verification> verify(Certificate certificate) {
        Certificate.Issuer issuer = certificate.issuer();
        if (issuer == null || !IssuerType.SWANSHARE.value().equals(issuer.type()) || issuer.externalId() == null) {
            return Optional.empty();
        }
        Optional<IssuerSettings.Account> account = settings.account(issuer.name());
        if (account.isEmpty()) {
            return Optional.empty();
        }
        String key = issuer.name() + "/" + issuer.externalId();
        Instant now = clock.instant();
        Cached cached = cache.get(key);
        if (cached != null && now.isBefore(cached.until())) {
            return Optional.of(cached.verification());
        }
        Verification verification = ask(issuer.name(), account.get(), issuer.externalId(),
                certificate.verificationUrl());
        if (cache.size() >= MAX_CACHED) {
            cache.values().removeIf(c -> !now.isBefore(c.until()));
        }
        if (cache.size() < MAX_CACHED) {
            cache.put(key, new Cached(verification, now.plusSeconds(CACHE_SECONDS)));
        }
        return Optional.of(verification);
    }

    private Verification ask(String issuer, IssuerSettings.Account account, String verifyId, String url) {
        Optional<JsonNode> answer;
        try {
            answer = credentials.fetchSoon(issuer, account, verifyId, Duration.ofSeconds(WAIT_SECONDS));
        } catch (SwanShareCredentials.LookupFailed e) {
            throw new Unavailable("issuer_unavailable", "SwanShare, which issued this certificate, did not answer: "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("issuer_unavailable", "Stopped while asking SwanShare");
        }
        if (answer.isEmpty()) {
            return new Verification(false, "invalid", List.of(new Verification.Check("Existence", false,
                    "SwanShare has no credential " + verifyId)), null,
                    new Verification.Issuer(null, null, url, false, false));
        }
        JsonNode found = answer.get();
        List<Verification.Check> checks = new ArrayList<>();
        found.path("checks").forEach(check -> checks.add(new Verification.Check(check.path("name").asText(),
                check.path("passed").asBoolean(), check.path("detail").asText())));
        JsonNode credential = found.path("credential");
        return new Verification(found.path("valid").asBoolean(false), found.path("status").asText("invalid"), checks,
                credential.isObject() ? credential.toString() : null,
                new Verification.Issuer(null, found.path("issuer").path("name").asText(null), url, false, false));
    }
}
