package io.certbridge.issuers;

import io.certbridge.backbone.CertificateEvents;
import io.certbridge.delivery.DeliveryQueue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issuers told to stop for now (SwanShare's monthly plan limit): the account's channel is paused, so its deliveries
 * wait with nothing lost, until resumed by {@code POST /v1/issuers/<name>/resume} or on their own at
 * {@code resumeAt}. Pausing and resuming are announced (issuer.paused, issuer.resumed) and logged.
 */
@Component
public class IssuerPauses {

    private static final Logger log = LoggerFactory.getLogger(IssuerPauses.class);

    private final DeliveryQueue deliveries;
    private final CertificateEvents events;

    IssuerPauses(DeliveryQueue deliveries, CertificateEvents events) {
        this.deliveries = deliveries;
        this.events = events;
    }

    @Transactional
    public void pause(String issuer, String reason, Instant resumeAt) {
        if (deliveries.pause(IssuerConnector.channel(issuer)).isPresent()) {
            return;
        }
        deliveries.pause(IssuerConnector.channel(issuer), reason, resumeAt);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("issuer", issuer);
        data.put("reason", reason);
        data.put("resume_at", resumeAt == null ? null : resumeAt.toString());
        events.announce("issuer.paused", issuer, data);
        log.warn("Issuer {} paused: {}; its certificates wait until {}", issuer, reason,
                resumeAt == null ? "POST /v1/issuers/" + issuer + "/resume" : resumeAt + " or POST /v1/issuers/"
                        + issuer + "/resume");
    }

    @Transactional
    public void resume(String issuer) {
        if (deliveries.pause(IssuerConnector.channel(issuer)).isEmpty()) {
            return;
        }
        deliveries.resume(IssuerConnector.channel(issuer));
        events.announce("issuer.resumed", issuer, Map.of("issuer", issuer));
        log.info("Issuer {} resumed", issuer);
    }

    public Optional<DeliveryQueue.Pause> paused(String issuer) {
        return deliveries.pause(IssuerConnector.channel(issuer));
    }
}
