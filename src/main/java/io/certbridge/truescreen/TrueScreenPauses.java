package io.certbridge.truescreen;

import io.certbridge.delivery.ChannelPauses;
import io.certbridge.delivery.DeliveryQueue;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Accounts out of credits (TS-008): the account's channel is paused ({@link ChannelPauses}), so its certifications
 * wait with nothing lost until {@code POST /v1/truescreen/<name>/resume} once credits are bought. Pausing is announced
 * ({@code truescreen.paused}) with one ERROR line, resuming ({@code truescreen.resumed}) with one INFO line.
 */
@Component
class TrueScreenPauses {

    private static final Logger log = LoggerFactory.getLogger(TrueScreenPauses.class);

    private final ChannelPauses pauses;

    TrueScreenPauses(ChannelPauses pauses) {
        this.pauses = pauses;
    }

    static String channel(String account) {
        return "truescreen/" + account;
    }

    public void pause(String account, String reason) {
        if (pauses.pause(channel(account), reason, null, announcement(account))) {
            log.error("TrueScreen account {} paused: {}. Its certifications wait until credits are bought and "
                    + "POST /v1/truescreen/{}/resume is called", account, reason, account);
        }
    }

    /** False when it was not paused. */
    public boolean resume(String account) {
        boolean resumed = pauses.resume(channel(account), announcement(account));
        if (resumed) {
            log.info("TrueScreen account {} resumed", account);
        }
        return resumed;
    }

    public Optional<DeliveryQueue.Pause> paused(String account) {
        return pauses.paused(channel(account));
    }

    private static ChannelPauses.Announcement announcement(String account) {
        return new ChannelPauses.Announcement("truescreen", account, Map.of("account", account));
    }
}
