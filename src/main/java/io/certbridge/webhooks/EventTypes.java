package io.certbridge.webhooks;

import java.util.List;

/** The event types a webhook endpoint may subscribe to; {@code *} subscribes to all of them. */
public final class EventTypes {

    public static final String ALL = "*";

    public static final List<String> KNOWN = List.of(
            "certificate.issued", "certificate.updated", "certificate.revoked", "certificate.viewed",
            "certificate.verified", "certificate.shared", "certificate.anchored", "certificate.delivery_failed",
            "batch.completed", "writeback.failed", "webhook_endpoint.disabled", "certificate.requested",
            "certificate.issuance_failed", "issuer.paused", "issuer.resumed", "trustedform.paused",
            "trustedform.resumed", "trustedform.retain_failed", "truescreen.paused", "truescreen.resumed",
            "truescreen.certification_failed", "vault_entry.approved", "vault_entry.failed", "certificate.expiring",
            "certificate.superseded", "certificate.claimed");

    private EventTypes() {
    }

    public static boolean subscribable(String type) {
        return type != null && (ALL.equals(type) || KNOWN.contains(type));
    }
}
