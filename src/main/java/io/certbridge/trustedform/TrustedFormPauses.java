package io.certbridge.trustedform;

import io.certbridge.backbone.CertificateEvents;
import io.certbridge.delivery.DeliveryQueue;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Retains held back while TrustedForm refuses the account (a wrong API key, an operation not contracted, no funds):
 * the channel's deliveries wait, kept, until {@code POST /v1/trustedform/resume}. Pausing is announced
 * ({@code trustedform.paused}) with one ERROR line, resuming ({@code trustedform.resumed}) with one INFO line.
 */
@Component
class TrustedFormPauses {

    private static final Logger log = LoggerFactory.getLogger(TrustedFormPauses.class);

    private final DeliveryQueue deliveries;
    private final CertificateEvents events;

    TrustedFormPauses(DeliveryQueue deliveries, CertificateEvents events) {
        this.deliveries = deliveries;
        this.events = events;
    }

    /** Synchronized so that the retains of one round refused together announce it once. */
    @Transactional
    public synchronized void pause(String reason) {
        if (paused().isPresent()) {
            return;
        }
        deliveries.pause(TrustedFormIntake.CHANNEL, reason);
        events.announce("trustedform.paused", TrustedFormIntake.CHANNEL, Map.of("reason", reason));
        log.error("TrustedForm retains paused: {}. They wait until the account is fixed and "
                + "POST /v1/trustedform/resume is called", reason);
    }

    /** False when they were not paused. */
    @Transactional
    public synchronized boolean resume() {
        if (paused().isEmpty()) {
            return false;
        }
        deliveries.resume(TrustedFormIntake.CHANNEL);
        events.announce("trustedform.resumed", TrustedFormIntake.CHANNEL, Map.of());
        log.info("TrustedForm retains resumed");
        return true;
    }

    public Optional<DeliveryQueue.Pause> paused() {
        return deliveries.pause(TrustedFormIntake.CHANNEL);
    }
}
