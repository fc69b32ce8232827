package io.certbridge.trustedform;

import java.time.Instant;
import java.util.List;

/**
 * A certificate retain as GET /v1/trustedform/retains shows it: the Lead it came with, what became of it, TrustedForm's
 * answer, and every call made for it with its answer ({@code calls}, oldest first).
 */
record RetainView(String id, String object, String certificateUrl, String channel, String eventId, String leadId,
                  String vendor, String status, String detail, String outcome, Instant expiresAt,
                  Boolean previouslyRetained, Instant createdAt, Instant updatedAt, List<RetainCalls.Call> calls) {
}
