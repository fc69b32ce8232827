package io.certbridge.api.keys;

import io.certbridge.api.PublicApi;
import io.certbridge.api.ApiKeyPrincipal;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Every /v1 request needs {@code Authorization: Bearer <key>} with a key that is not revoked. */
@Component
@Order(1)
class ApiKeyAuthentication extends OncePerRequestFilter {

    private final BearerKeys bearer;

    ApiKeyAuthentication(BearerKeys bearer) {
        this.bearer = bearer;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getServletPath().startsWith("/v1/") || PublicApi.covers(request.getServletPath());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var key = bearer.authenticate(request, response, "Send an API key as Authorization: Bearer <key>");
        if (key.isPresent()) {
            new ApiKeyPrincipal(key.get().id(), key.get().environment(), key.get().scopes()).bindTo(request);
            chain.doFilter(request, response);
        }
    }
}
