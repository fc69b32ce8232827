package io.certbridge.mail;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.delivery.PlannedDelivery;
import io.certbridge.fanout.DeliveryPlanner;
import io.certbridge.shared.Environment;
import io.certbridge.template.Template;
import io.certbridge.template.Templates;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A live certificate about to expire ({@code certificate.expiring}) is e-mailed a reminder to its recipient, once
 * per reminder offset, when its template e-mails certificates (email_delivery): the recipients of a template without
 * it never hear from the hub.
 */
@Component
class ExpiryReminderPlanner implements DeliveryPlanner {

    static final String MAIL = "expiry_reminder";

    private final Templates templates;

    ExpiryReminderPlanner(Templates templates) {
        this.templates = templates;
    }

    @Override
    public List<PlannedDelivery> plan(List<JsonNode> events) {
        List<JsonNode> expiring = events.stream()
                .filter(e -> e.path("type").asText().equals("certificate.expiring")
                        && e.path("data").path("livemode").asBoolean(false))
                .toList();
        if (expiring.isEmpty()) {
            return List.of();
        }
        Map<String, Template> byId = templates.findAll(
                expiring.stream().map(e -> e.path("data").path("template_id").asText()).distinct().toList());
        return expiring.stream()
                .filter(e -> {
                    Template template = byId.get(e.path("data").path("template_id").asText());
                    return template != null && template.emailDelivery();
                })
                .map(e -> {
                    JsonNode data = e.path("data");
                    String certificateId = data.path("certificate_id").asText();
                    return new PlannedDelivery("email/expiring/" + certificateId + "/" + data.path("offset_seconds")
                            .asLong(), "dlv", CertificateEmailConnector.NAME, Environment.LIVE, certificateId, null,
                            Map.of("message_id", "<" + UUID.randomUUID() + ".reminder@certbridge>", "mail", MAIL),
                            null, e.path("id").asText());
                })
                .toList();
    }
}
