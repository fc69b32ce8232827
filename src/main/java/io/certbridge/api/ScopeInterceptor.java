package io.certbridge.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

@Component
class ScopeInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (PublicApi.covers(request.getServletPath())) {
            return true;
        }
        ApiKeyPrincipal principal = ApiKeyPrincipal.of(request);
        if (principal == null) {
            // however the path was spelled, no /v1 handler runs without an authenticated key
            throw new ApiProblem(401, "missing_api_key", "Unauthorized", "Send an API key as Authorization: Bearer <key>");
        }
        if (handler instanceof HandlerMethod method && method.hasMethodAnnotation(RequiresScope.class)) {
            Scope needed = method.getMethodAnnotation(RequiresScope.class).value();
            if (!principal.scopes().contains(needed)) {
                throw new ApiProblem(403, "insufficient_scope", "Forbidden",
                        "This API key lacks the scope " + needed.value());
            }
        }
        return true;
    }
}
