package io.certbridge.audit;

import java.time.Instant;

/**
 * One call that changed something or was refused: who (an API key; later a console user), what, when and from
 * where. {@code path} is the route's template (/v1/certificates/{id}), or the path as sent when no route matched;
 * never a query string, header or body.
 */
public record AuditEvent(String id, String object, Instant occurredAt, Actor actor, String environment,
                         String method, String path, String resourceId, int status, String problemCode,
                         String clientAddress) {

    /** {@code type} is api_key (the key's id) or console_user (the user's id). */
    public record Actor(String type, String id) {
    }
}
