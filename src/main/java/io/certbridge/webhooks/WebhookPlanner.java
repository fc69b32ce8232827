package io.certbridge.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.delivery.PlannedDelivery;
import io.certbridge.fanout.DeliveryPlanner;
import io.certbridge.shared.Environment;
import io.certbridge.shared.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One message per event and endpoint subscribed to its type, in the environment the event belongs to: its own
 * {@code livemode}, or else its certificate's. The payload is the Standard Webhooks body {type, timestamp, data},
 * stored as the exact bytes every attempt sends. An endpoint hears only of what happened after it was made.
 */
@Component
class WebhookPlanner implements DeliveryPlanner {

    private final WebhookEndpoints endpoints;
    private final JdbcClient jdbc;
    private final Json json;

    WebhookPlanner(WebhookEndpoints endpoints, JdbcClient jdbc, Json json) {
        this.endpoints = endpoints;
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public List<PlannedDelivery> plan(List<JsonNode> events) {
        Map<String, Environment> certificateEnvironments = certificateEnvironments(events);
        Map<String, List<WebhookEndpoints.Endpoint>> subscribers = new HashMap<>();
        List<PlannedDelivery> planned = new ArrayList<>();
        for (JsonNode event : events) {
            String type = event.path("type").asText();
            JsonNode data = event.path("data");
            String certificateId = certificateId(data);
            Environment environment = data.path("livemode").isBoolean()
                    ? (data.get("livemode").asBoolean() ? Environment.LIVE : Environment.TEST)
                    : certificateEnvironments.getOrDefault(certificateId, Environment.LIVE);
            List<WebhookEndpoints.Endpoint> subscribed = subscribers.computeIfAbsent(environment.value() + " " + type,
                    key -> endpoints.subscribed(environment, type));
            if (subscribed.isEmpty()) {
                continue;
            }
            ObjectNode payload = JsonNodeFactory.instance.objectNode();
            payload.put("type", type);
            payload.set("timestamp", event.path("timestamp"));
            payload.set("data", data);
            String body = json.write(payload);
            Instant happened = Instant.parse(event.path("timestamp").asText());
            String eventId = event.path("id").asText();
            for (WebhookEndpoints.Endpoint endpoint : subscribed) {
                if (!endpoint.createdAt().isAfter(happened)) {
                    planned.add(new PlannedDelivery("webhook/" + endpoint.id() + "/" + eventId, "msg",
                            CustomerWebhookConnector.NAME, environment, certificateId,
                            WebhookEndpoints.channel(endpoint.id()),
                            Map.of("endpoint_id", endpoint.id(), "event_id", eventId, "event_type", type), body,
                            eventId));
                }
            }
        }
        return planned;
    }

    /** The certificate an event is about: a certificate's own id, or the certificate_id its data names. */
    private static String certificateId(JsonNode data) {
        if ("certificate".equals(data.path("object").asText())) {
            return data.path("id").asText();
        }
        return data.path("certificate_id").isTextual() ? data.get("certificate_id").asText() : null;
    }

    /** The environments of the certificates named by events that do not say their own. */
    private Map<String, Environment> certificateEnvironments(List<JsonNode> events) {
        String[] ids = events.stream().map(e -> e.path("data"))
                .filter(data -> !data.path("livemode").isBoolean() && data.path("certificate_id").isTextual())
                .map(data -> data.get("certificate_id").asText()).distinct().toArray(String[]::new);
        Map<String, Environment> environments = new HashMap<>();
        if (ids.length > 0) {
            jdbc.sql("select id, environment from certificates where id = any(?)").param(ids)
                    .query(rs -> {
                        environments.put(rs.getString("id"), Environment.of(rs.getString("environment")));
                    });
        }
        return environments;
    }
}
