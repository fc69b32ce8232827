package io.certbridge.trustedform;

import io.certbridge.delivery.ChannelPauses;
import io.certbridge.delivery.DeliveryQueue;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Retains held back while TrustedForm refuses the account (a wrong API key, an operation not contracted, no funds):
 * the channel is paused ({@link ChannelPauses}) until {@code POST /v1/trustedform/resume}. Pausing is announced
 * ({@code trustedform.paused}) with one ERROR line, resuming ({@code trustedform.resumed}) with one INFO line.
 */
@Component
class TrustedFormPauses {

    private static final Logger log = LoggerFactory.getLogger(TrustedFormPauses.class);
    private static final ChannelPauses.Announcement ANNOUNCED =
            new ChannelPauses.Announcement("trustedform", TrustedFormIntake.CHANNEL, Map.of());

    private final ChannelPauses pauses;

    TrustedFormPauses(ChannelPauses pauses) {
        this.pauses = pauses;
    }

    public void pause(String reason) {
        if (pauses.pause(TrustedFormIntake.CHANNEL, reason, null, ANNOUNCED)) {
            log.error("TrustedForm retains paused: {}. They wait until the account is fixed and "
                    + "POST /v1/trustedform/resume is called", reason);
        }
    }

    /** False when they were not paused. */
    public boolean resume() {
        boolean resumed = pauses.resume(TrustedFormIntake.CHANNEL, ANNOUNCED);
        if (resumed) {
            log.info("TrustedForm retains resumed");
        }
        return resumed;
    }

    public Optional<DeliveryQueue.Pause> paused() {
        return pauses.paused(TrustedFormIntake.CHANNEL);
    }
}
