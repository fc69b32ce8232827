package io.certbridge.truescreen;

import io.certbridge.backbone.CertificateEvents;
import io.certbridge.delivery.DeliveryQueue;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accounts out of credits (TS-008): the account's channel is paused, so its certifications wait with nothing lost
 * until {@code POST /v1/truescreen/<name>/resume} once credits are bought. Pausing is announced
 * ({@code truescreen.paused}) with one ERROR line, resuming ({@code truescreen.resumed}) with one INFO line.
 */
@Component
class TrueScreenPauses {

    private static final Logger log = LoggerFactory.getLogger(TrueScreenPauses.class);

    private final DeliveryQueue deliveries;
    private final CertificateEvents events;

    TrueScreenPauses(DeliveryQueue deliveries, CertificateEvents events) {
        this.deliveries = deliveries;
        this.events = events;
    }

    static String channel(String account) {
        return "truescreen/" + account;
    }

    /** Synchronized so that the certifications of one round refused together announce it once. */
    @Transactional
    public synchronized void pause(String account, String reason) {
        if (paused(account).isPresent()) {
            return;
        }
        deliveries.pause(channel(account), reason);
        events.announce("truescreen.paused", account, Map.of("account", account, "reason", reason));
        log.error("TrueScreen account {} paused: {}. Its certifications wait until credits are bought and "
                + "POST /v1/truescreen/{}/resume is called", account, reason, account);
    }

    /** False when it was not paused. */
    @Transactional
    public synchronized boolean resume(String account) {
        if (paused(account).isEmpty()) {
            return false;
        }
        deliveries.resume(channel(account));
        events.announce("truescreen.resumed", account, Map.of("account", account));
        log.info("TrueScreen account {} resumed", account);
        return true;
    }

    public Optional<DeliveryQueue.Pause> paused(String account) {
        return deliveries.pause(channel(account));
    }
}
