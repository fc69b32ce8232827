package io.certbridge.issuers;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.delivery.PlannedDelivery;
import io.certbridge.fanout.DeliveryPlanner;
import io.certbridge.shared.Environment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What certificates of outside issuers ask of them: to be issued (certificate.requested), and, where the service
 * takes it, their new status (certificate.updated, certificate.revoked), which is sent as it is at the time of
 * sending. Both go to the certificate's own account, on its channel.
 */
@Component
class IssuerPlanner implements DeliveryPlanner {

    private final List<IssuerConnector> connectors;

    IssuerPlanner(List<IssuerConnector> connectors) {
        this.connectors = connectors;
    }

    @Override
    public List<PlannedDelivery> plan(List<JsonNode> events) {
        List<PlannedDelivery> planned = new ArrayList<>();
        for (JsonNode event : events) {
            JsonNode certificate = event.path("data");
            JsonNode issuer = certificate.path("issuer");
            if (!"certificate".equals(certificate.path("object").asText()) || !issuer.isObject()) {
                continue;
            }
            IssuerConnector.Operation operation = switch (event.path("type").asText()) {
                case "certificate.requested" -> IssuerConnector.Operation.ISSUE;
                case "certificate.updated", "certificate.revoked" -> IssuerConnector.Operation.STATUS;
                default -> null;
            };
            String name = issuer.path("name").asText();
            Optional<IssuerConnector> connector = operation == null ? Optional.empty()
                    : connector(issuer.path("type").asText(), operation);
            if (connector.isEmpty()) {
                continue;
            }
            String id = certificate.path("id").asText();
            String key = (operation == IssuerConnector.Operation.ISSUE ? "issue/" : "issuer-status/") + id;
            planned.add(new PlannedDelivery(key, "iss", connector.get().name(),
                    certificate.path("livemode").asBoolean() ? Environment.LIVE : Environment.TEST, id,
                    IssuerConnector.channel(name), Map.of("issuer", name), null, event.path("id").asText()));
        }
        return planned;
    }

    private Optional<IssuerConnector> connector(String type, IssuerConnector.Operation operation) {
        return connectors.stream().filter(c -> c.type().value().equals(type) && c.operation() == operation)
                .findFirst();
    }
}
