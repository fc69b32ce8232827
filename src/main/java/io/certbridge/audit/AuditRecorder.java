package io.certbridge.audit;

import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.api.ClientAddress;
import io.certbridge.api.ProblemResponses;
import io.certbridge.api.PublicApi;
import io.certbridge.shared.Ids;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Writes an {@link AuditEvent} for every /v1 call or console action that may change something (POST, PUT, PATCH,
 * DELETE) but those marked {@link ChangesNothing}, and for every one refused as unauthenticated (401) or forbidden (403), once the answer is known; a console
 * action's actor is the user the console names in {@link AuditContext}. Left out: the /v1 paths
 * anyone may call without a key (verification changes nothing), and the LMS deliveries to /hooks/…, which carry no
 * API key and are each kept, with what they led to, as an intake event (GET /v1/intake-events). The event is written
 * in the request's thread after the controller's transaction: one insert, no body read or kept. Calls without a
 * known key are recorded within an {@link UnauthenticatedBudget} per address.
 */
@Component
@Order(-1)
class AuditRecorder extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(AuditRecorder.class);
    private static final Set<String> CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final AuditLog auditLog;
    private final ClientAddress clientAddress;
    private final UnauthenticatedBudget unauthenticated;
    private final Clock clock;

    AuditRecorder(AuditLog auditLog, ClientAddress clientAddress, UnauthenticatedBudget unauthenticated,
                  Clock clock) {
        this.auditLog = auditLog;
        this.clientAddress = clientAddress;
        this.unauthenticated = unauthenticated;
        this.clock = clock;
    }

    /**
     * Whether the request is on a path whose changing calls are audited: the API's, and the console's (whose
     * sign-in and sign-out the console records itself, as they never reach a page).
     */
    static boolean audited(HttpServletRequest request) {
        String path = request.getServletPath();
        return path.startsWith("/v1/") && !PublicApi.covers(path) || path.startsWith("/console/");
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !audited(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Instant started = clock.instant();
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            int status = failed ? 500 : response.getStatus();
            if (CHANGING.contains(request.getMethod()) && !changesNothing(request) || status == 401 || status == 403) {
                record(request, started, status);
            }
        }
    }

    private static boolean changesNothing(HttpServletRequest request) {
        return request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler
                && handler.hasMethodAnnotation(ChangesNothing.class);
    }

    private void record(HttpServletRequest request, Instant started, int status) {
        try {
            ApiKeyPrincipal principal = ApiKeyPrincipal.of(request);
            String keyId = ApiKeyPrincipal.keyIdOf(request);
            AuditEvent.Actor actor = keyId != null ? new AuditEvent.Actor("api_key", keyId)
                    : AuditContext.actorOf(request);
            String address = clientAddress.of(request).getHostAddress();
            if (actor == null && !unauthenticated.admits(address)) {
                return;
            }
            String problem = AuditedResponse.problemCodeOf(request);
            auditLog.record(new AuditEvent(Ids.newId("aud"), "audit_event", started, actor,
                    principal == null ? null : principal.environment().value(), request.getMethod(),
                    template(request), resourceId(request), status,
                    problem != null ? problem : ProblemResponses.writtenCode(request), address));
        } catch (RuntimeException e) {
            // the call is done and answered; losing its audit event must show in the log, not fail the call
            log.error("Could not write the audit event of {} {} ({})", request.getMethod(), template(request),
                    status, e);
        }
    }

    /** The route's template, such as /v1/certificates/{id}; the path as sent when no route took the request. */
    private static String template(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return pattern != null ? pattern.toString() : request.getRequestURI();
    }

    /** The id the answer showed, else the route's last path variable (/v1/api-keys/{id}). */
    private static String resourceId(HttpServletRequest request) {
        String shown = AuditContext.resourceIdOf(request);
        if (shown != null) {
            return shown;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> variables =
                (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables == null || variables.isEmpty() ? null : variables.values().stream().reduce((a, b) -> b)
                .orElse(null);
    }
}
