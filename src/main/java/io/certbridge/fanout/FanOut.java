package io.certbridge.fanout;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.backbone.DatabaseOutages;
import io.certbridge.backbone.KafkaRecords;
import io.certbridge.delivery.DeliveryQueue;
import io.certbridge.delivery.PlannedDelivery;
import io.certbridge.shared.Json;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a batch of certificate events into the deliveries every planner asks for, stored in one transaction (the
 * route commits the batch's offsets only then, and an event heard again plans nothing twice), so that each event
 * reaches each of its targets once.
 */
@Component("fanOut")
public class FanOut {

    private final List<DeliveryPlanner> planners;
    private final DeliveryQueue deliveries;
    private final TransactionTemplate transaction;
    private final Json json;

    FanOut(List<DeliveryPlanner> planners, DeliveryQueue deliveries, TransactionTemplate transaction, Json json) {
        this.planners = planners;
        this.deliveries = deliveries;
        this.transaction = transaction;
        this.json = json;
    }

    public void plan(List<Exchange> records) throws InterruptedException {
        List<JsonNode> events = KafkaRecords.read(records, JsonNode.class, json);
        DatabaseOutages.retry(() -> transaction.executeWithoutResult(status -> {
            List<PlannedDelivery> planned = new ArrayList<>();
            planners.forEach(planner -> planned.addAll(planner.plan(events)));
            deliveries.plan(planned);
        }));
    }
}
