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
 * A live certificate of a template with email_delivery is e-mailed to its recipient once, when it is issued. The
 * e-mail's Message-ID is made here, so that every attempt sends the same one and a bounce finds its delivery.
 */
@Component
class CertificateEmailPlanner implements DeliveryPlanner {

    private final Templates templates;

    CertificateEmailPlanner(Templates templates) {
        this.templates = templates;
    }

    @Override
    public List<PlannedDelivery> plan(List<JsonNode> events) {
        List<JsonNode> issued = events.stream()
                .filter(e -> e.path("type").asText().equals("certificate.issued")
                        && e.path("data").path("livemode").asBoolean(false))
                .toList();
        if (issued.isEmpty()) {
            return List.of();
        }
        Map<String, Template> byId = templates.findAll(
                issued.stream().map(e -> e.path("data").path("template_id").asText()).distinct().toList());
        return issued.stream()
                .filter(e -> {
                    Template template = byId.get(e.path("data").path("template_id").asText());
                    return template != null && template.emailDelivery();
                })
                .map(e -> {
                    String certificateId = e.path("data").path("id").asText();
                    return new PlannedDelivery("email/" + certificateId, "dlv", CertificateEmailConnector.NAME,
                            Environment.LIVE, certificateId, null,
                            Map.of("message_id", "<" + UUID.randomUUID() + ".delivery@certbridge>"), null,
                            e.path("id").asText());
                })
                .toList();
    }
}
