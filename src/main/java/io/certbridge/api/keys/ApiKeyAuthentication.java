package io.certbridge.api.keys;

import io.certbridge.api.ApiProblem;
import io.certbridge.api.ProblemResponses;
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

    private final ApiKeys keys;
    private final ProblemResponses problems;

    ApiKeyAuthentication(ApiKeys keys, ProblemResponses problems) {
        this.keys = keys;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getServletPath().startsWith("/v1/") || PublicApi.covers(request.getServletPath());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var secret = BearerSecret.of(request);
        if (secret.isEmpty()) {
            reject(response, "missing_api_key", "Send an API key as Authorization: Bearer <key>");
            return;
        }
        var key = keys.authenticate(secret.get());
        if (key.isEmpty()) {
            reject(response, "invalid_api_key", "The API key is unknown or has been revoked");
            return;
        }
        new ApiKeyPrincipal(key.get().id(), key.get().environment(), key.get().scopes()).bindTo(request);
        chain.doFilter(request, response);
    }

    private void reject(HttpServletResponse response, String code, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        problems.write(response, new ApiProblem(401, code, "Unauthorized", detail));
    }
}
