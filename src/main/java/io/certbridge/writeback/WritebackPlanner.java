package io.certbridge.writeback;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.delivery.PlannedDelivery;
import io.certbridge.fanout.DeliveryPlanner;
import io.certbridge.issuance.Certificates;
import io.certbridge.issuance.WritebackTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A certificate's write-backs, planned when it is issued and again when its status changes: one delivery per place
 * its request named, which writes the certificate's state at the time of sending. A renewal's certificate plans the
 * deliveries of the first certificate it renews again, for itself: a write-back of the replaced certificate still
 * waiting for a retry then writes the renewal instead, and an attempt in flight is sent again.
 */
@Component
class WritebackPlanner implements DeliveryPlanner {

    private static final Set<String> TYPES = Set.of("certificate.issued", "certificate.updated", "certificate.revoked");

    private final Certificates certificates;

    WritebackPlanner(Certificates certificates) {
        this.certificates = certificates;
    }

    @Override
    public List<PlannedDelivery> plan(List<JsonNode> events) {
        List<JsonNode> changes = events.stream().filter(e -> TYPES.contains(e.path("type").asText())).toList();
        Map<String, Certificates.WritebackTargets> targets = certificates.writebackTargets(
                changes.stream().map(e -> e.path("data").path("id").asText()).distinct().toList());
        List<PlannedDelivery> planned = new ArrayList<>();
        for (JsonNode event : changes) {
            String certificateId = event.path("data").path("id").asText();
            Certificates.WritebackTargets certificate = targets.get(certificateId);
            if (certificate == null) {
                continue;
            }
            for (int i = 0; i < certificate.targets().size(); i++) {
                WritebackTarget target = certificate.targets().get(i);
                planned.add(new PlannedDelivery("writeback/" + certificate.first() + "/" + i, "wb", target.connector(),
                        certificate.environment(), certificateId, null, target.target(), null,
                        event.path("id").asText()));
            }
        }
        return planned;
    }
}
