package io.certbridge.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A fixed one-minute window of requests per client address on the paths anyone may call without an API
 * key (verification, the public page, PDF and LinkedIn redirect, credentials, status lists, the DID
 * document, the OpenID4VCI endpoints wallets call): each verification canonicalizes and each page view writes an event, so a flood must stop
 * here, before that work. The address is the {@link ClientAddress}: the connection's, or behind a trusted
 * proxy the one it forwards. The windows live in this instance's memory: each instance limits on its own. Keyed /v1
 * requests are not counted here; {@link RateLimiter} limits them per key.
 */
@Component
@Order(0)
public class PublicRateLimit extends OncePerRequestFilter {

    private final ProblemResponses problems;
    private final ClientAddress clientAddress;
    private final int limit;
    private final Clock clock;
    private final AddressWindows windows = new AddressWindows();

    public PublicRateLimit(ProblemResponses problems, ClientAddress clientAddress, ApiSettings settings, Clock clock) {
        this.problems = problems;
        this.clientAddress = clientAddress;
        this.limit = settings.publicRateLimitPerMinute();
        this.clock = clock;
    }

    /** Whether a path is one anyone may call without an API key, and so is limited per address. */
    static boolean covers(String servletPath) {
        return PublicApi.covers(servletPath)
                || PublicApi.under(servletPath, "/verify") || PublicApi.under(servletPath, "/credentials")
                || PublicApi.under(servletPath, "/status") || PublicApi.under(servletPath, "/oid4vci")
                || servletPath.equals("/.well-known/did.json") || servletPath.equals("/did.json")
                || servletPath.equals("/sandbox/did.json");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !covers(request.getServletPath());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Instant now = clock.instant();
        int used = windows.count(clientAddress.of(request).getHostAddress(), now);
        if (RateLimiter.admit(request, response, problems, now, limit, used, "This address")) {
            chain.doFilter(request, response);
        }
    }
}
