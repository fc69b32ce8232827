package io.certbridge.writeback;

import io.certbridge.backbone.CertificateEvents;
import io.certbridge.delivery.Recorded;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Announces writeback.failed for each write-back given up, so that the institution hears of its dead letters. */
@Component
public class WritebackFailures {

    private final CertificateEvents events;

    WritebackFailures(CertificateEvents events) {
        this.events = events;
    }

    public void announce(List<Recorded> outcomes) {
        outcomes.stream().filter(Recorded::givenUp).forEach(recorded -> events.announce("writeback.failed",
                recorded.delivery().id(), Map.of("id", recorded.delivery().id(),
                        "certificate_id", recorded.delivery().certificateId(),
                        "connector", recorded.delivery().connector(), "livemode", recorded.delivery().livemode(),
                        "attempts", recorded.delivery().attempt(), "error", recorded.outcome().error())));
    }
}
