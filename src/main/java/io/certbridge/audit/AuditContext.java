package io.certbridge.audit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What a request's audit event says beyond what {@link AuditRecorder} sees itself: the console user who acted (an
 * API key is found by its principal) and the id of the resource a page changed or made.
 */
public final class AuditContext {

    private static final String ACTOR = AuditContext.class.getName() + ".actor";
    private static final String RESOURCE_ID = AuditContext.class.getName() + ".resourceId";

    private AuditContext() {
    }

    public static void actedBy(HttpServletRequest request, AuditEvent.Actor actor) {
        request.setAttribute(ACTOR, actor);
    }

    static AuditEvent.Actor actorOf(HttpServletRequest request) {
        return (AuditEvent.Actor) request.getAttribute(ACTOR);
    }

    public static void resource(HttpServletRequest request, String id) {
        request.setAttribute(RESOURCE_ID, id);
    }

    static String resourceIdOf(HttpServletRequest request) {
        return (String) request.getAttribute(RESOURCE_ID);
    }
}
