package io.certbridge.console;

import io.certbridge.api.ClientAddress;
import io.certbridge.audit.AuditEvent;
import io.certbridge.audit.AuditLog;
import io.certbridge.shared.Ids;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The audit events of what happens before a console page is reached: signing in (succeeded, failed, refused as too
 * many) and signing out. The pages' own actions are recorded by the audit log's filter like API calls.
 */
@Component
class ConsoleAudit {

    private static final Logger log = LoggerFactory.getLogger(ConsoleAudit.class);

    private final AuditLog auditLog;
    private final ClientAddress clientAddress;
    private final Clock clock;

    ConsoleAudit(AuditLog auditLog, ClientAddress clientAddress, Clock clock) {
        this.auditLog = auditLog;
        this.clientAddress = clientAddress;
        this.clock = clock;
    }

    static AuditEvent.Actor actor(ConsolePrincipal user) {
        return new AuditEvent.Actor("console_user", user.id());
    }

    /** {@code user} null: nobody signed in (a failed sign-in names no one, so that guesses reveal nothing). */
    void record(HttpServletRequest request, ConsolePrincipal user, int status, String problemCode) {
        try {
            auditLog.record(new AuditEvent(Ids.newId("aud"), "audit_event", clock.instant(),
                    user == null ? null : actor(user), null, request.getMethod(), request.getServletPath(),
                    user == null ? null : user.id(), status, problemCode,
                    clientAddress.of(request).getHostAddress()));
        } catch (RuntimeException e) {
            log.error("Could not write the audit event of {} {} ({})", request.getMethod(),
                    request.getServletPath(), status, e);
        }
    }
}
