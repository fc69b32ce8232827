package io.certbridge.mail;

import io.certbridge.camel.TemplatedRoutes;
import java.util.Map;
import org.apache.camel.CamelContext;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Makes the mail routes once the hub has started, when SMTP is configured: certificate delivery, and, when
 * the issuance inbox is configured too, reading it and replying.
 */
@Component
@Order(1)
@ConditionalOnProperty(prefix = "certbridge.mail.smtp", name = "host")
class MailFlows implements ApplicationRunner {

    private final CamelContext camel;
    private final boolean inbox;

    MailFlows(CamelContext camel, MailSettings settings) {
        this.camel = camel;
        this.inbox = settings.inbox().host() != null;
        if (settings.smtp().from() == null) {
            throw new IllegalStateException("Mail goes out from certbridge.mail.smtp.from: set it");
        }
        if (inbox && settings.senders().isEmpty()) {
            throw new IllegalStateException("The issuance inbox needs certbridge.mail.senders: nobody may issue by mail");
        }
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        TemplatedRoutes.add(camel, "certificate-delivery", "certificate-delivery", Map.of());
        if (inbox) {
            TemplatedRoutes.add(camel, "mail-intake-replies", "mail-intake-replies", Map.of());
            TemplatedRoutes.add(camel, "mail-intake", "mail-intake", Map.of());
        }
    }
}
