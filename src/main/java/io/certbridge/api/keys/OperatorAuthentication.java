package io.certbridge.api.keys;

import io.certbridge.api.ApiProblem;
import io.certbridge.api.ProblemResponses;
import io.certbridge.api.Scope;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The hub's insides on its public port. Anyone may ask whether it is up, live or ready, and hears only that;
 * a key with the metrics:read scope also sees the details of each part (the health endpoint shows them to a
 * request with a principal) and may read every other actuator endpoint, such as the Prometheus metrics.
 * With {@code management.server.port} set, the actuator is not on this port at all (see ManagementPortOperators).
 */
@Component
@Order(1)
class OperatorAuthentication extends OncePerRequestFilter {

    private static final String ACTUATOR = "/actuator";
    private static final Set<String> PROBES = Set.of("/actuator/health", "/actuator/health/liveness",
            "/actuator/health/readiness");

    private final BearerKeys bearer;
    private final ProblemResponses problems;

    OperatorAuthentication(BearerKeys bearer, ProblemResponses problems) {
        this.bearer = bearer;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getServletPath();
        return !(path.equals(ACTUATOR) || path.startsWith(ACTUATOR + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (PROBES.contains(request.getServletPath()) && !BearerKeys.sent(request)) {
            chain.doFilter(request, response);
            return;
        }
        var key = bearer.authenticate(request, response,
                "Send an API key with the scope metrics:read as Authorization: Bearer <key>");
        if (key.isEmpty()) {
            return;
        }
        if (key.get().scopes().contains(Scope.METRICS_READ)) {
            chain.doFilter(new Operator(request, key.get().id()), response);
        } else if (PROBES.contains(request.getServletPath())) {
            chain.doFilter(request, response);
        } else {
            problems.write(request, response, new ApiProblem(403, "insufficient_scope", "Forbidden",
                    "This API key lacks the scope " + Scope.METRICS_READ.value()));
        }
    }

    /** A request the health endpoint shows details to: it has a principal. */
    static final class Operator extends HttpServletRequestWrapper {

        private final Principal principal;

        Operator(HttpServletRequest request, String name) {
            super(request);
            this.principal = () -> name;
        }

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }
    }
}
