package io.certbridge.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.shared.Environment;
import io.certbridge.backbone.DatabaseOutages;
import io.certbridge.shared.Json;
import io.certbridge.backbone.KafkaRecords;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Turns each certificate event heard on Kafka into one message per endpoint subscribed to its type, in the
 * environment the event belongs to: its own {@code livemode}, or else its certificate's. The body is the
 * Standard Webhooks payload {type, timestamp, data}. An endpoint hears only of what happened after it was made.
 * The route commits offsets only after the messages are stored, and an event heard again adds nothing, so
 * every event reaches every endpoint once.
 */
@Component("webhookFanOut")
public class WebhookFanOut {

    private final WebhookEndpoints endpoints;
    private final WebhookMessages messages;
    private final JdbcClient jdbc;
    private final Json json;

    public WebhookFanOut(WebhookEndpoints endpoints, WebhookMessages messages, JdbcClient jdbc, Json json) {
        this.endpoints = endpoints;
        this.messages = messages;
        this.jdbc = jdbc;
        this.json = json;
    }

    public void fanOut(List<Exchange> records) throws InterruptedException {
        List<JsonNode> events = KafkaRecords.read(records, JsonNode.class, json);
        DatabaseOutages.retry(() -> messages.insertAll(messagesFor(events)));
    }

    private List<WebhookMessages.NewMessage> messagesFor(List<JsonNode> events) {
        Map<String, Environment> certificateEnvironments = certificateEnvironments(events);
        Map<String, List<WebhookEndpoints.Endpoint>> subscribers = new HashMap<>();
        List<WebhookMessages.NewMessage> out = new ArrayList<>();
        for (JsonNode event : events) {
            String type = event.path("type").asText();
            JsonNode data = event.path("data");
            Environment environment = data.path("livemode").isBoolean()
                    ? (data.get("livemode").asBoolean() ? Environment.LIVE : Environment.TEST)
                    : certificateEnvironments.getOrDefault(data.path("certificate_id").asText(), Environment.LIVE);
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
            for (WebhookEndpoints.Endpoint endpoint : subscribed) {
                if (!endpoint.createdAt().isAfter(happened)) {
                    out.add(new WebhookMessages.NewMessage(endpoint.id(), event.path("id").asText(), type, body));
                }
            }
        }
        return out;
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
