package io.certbridge.issuers;

import io.certbridge.delivery.ChannelPauses;
import io.certbridge.delivery.DeliveryQueue;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Issuers told to stop for now (SwanShare's monthly plan limit, a VEC.digital token without a permission): the
 * account's channel is paused ({@link ChannelPauses}), announced as issuer.paused and logged, until resumed by
 * {@code POST /v1/issuers/<name>/resume} or on its own at {@code resumeAt}.
 */
@Component
public class IssuerPauses {

    private static final Logger log = LoggerFactory.getLogger(IssuerPauses.class);

    private final ChannelPauses pauses;

    IssuerPauses(ChannelPauses pauses) {
        this.pauses = pauses;
    }

    public void pause(String issuer, String reason, Instant resumeAt) {
        if (pauses.pause(IssuerConnector.channel(issuer), reason, resumeAt, announcement(issuer))) {
            log.warn("Issuer {} paused: {}; its certificates wait until {}", issuer, reason,
                    (resumeAt == null ? "" : resumeAt + " or ") + "POST /v1/issuers/" + issuer + "/resume");
        }
    }

    public void resume(String issuer) {
        if (pauses.resume(IssuerConnector.channel(issuer), announcement(issuer))) {
            log.info("Issuer {} resumed", issuer);
        }
    }

    public Optional<DeliveryQueue.Pause> paused(String issuer) {
        return pauses.paused(IssuerConnector.channel(issuer));
    }

    private static ChannelPauses.Announcement announcement(String issuer) {
        return new ChannelPauses.Announcement("issuer", issuer, Map.of("issuer", issuer));
    }
}
