package io.certbridge.audit;

import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.api.Page;
import io.certbridge.api.QueryParameters;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.shared.problems.MalformedInput;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /v1/audit-events: newest first, filtered by actor (key_id), method, path (the route's template), resource_id,
 * status and a time range [from, to). A live key sees every event; a sandbox key only those of sandbox keys.
 */
@RestController
@RequestMapping(produces = "application/json", path = "/v1/audit-events")
class AuditEventController {

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

    private final AuditLog auditLog;

    AuditEventController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @GetMapping
    @RequiresScope(Scope.AUDIT_READ)
    Page<AuditEvent> list(@RequestParam(name = "key_id", required = false) String keyId,
                          @RequestParam(required = false) String method,
                          @RequestParam(required = false) String path,
                          @RequestParam(name = "resource_id", required = false) String resourceId,
                          @RequestParam(required = false) Integer status,
                          @RequestParam(required = false) String from,
                          @RequestParam(required = false) String to,
                          @RequestParam(required = false) Integer limit,
                          @RequestParam(name = "starting_after", required = false) String startingAfter,
                          HttpServletRequest request) {
        QueryParameters.oneOf(method, METHODS, "method");
        int size = Page.checkedLimit(limit);
        ApiKeyPrincipal caller = ApiKeyPrincipal.of(request);
        var filter = new AuditLog.Filter(caller.livemode() ? null : caller.environment(), keyId, method, path,
                resourceId, status, instant(from, "from"), instant(to, "to"));
        return Page.of(auditLog.list(filter, size + 1, startingAfter), size, AuditEvent::id);
    }

    private static Instant instant(String value, String parameter) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new MalformedInput("invalid_parameter", "must be an ISO 8601 instant such as 2026-11-22T08:00:00Z",
                    parameter);
        }
    }
}
