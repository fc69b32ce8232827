package io.certbridge.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.delivery.PlannedDelivery;
import java.util.List;

/**
 * What one kind of fan-out (write-backs, certificate e-mails, customers' webhooks) makes of certificate events: the
 * deliveries they ask for. Each event is {id, type, timestamp, data}, as announced on the certificate-events topic.
 */
public interface DeliveryPlanner {

    List<PlannedDelivery> plan(List<JsonNode> events);
}
