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
 * Makes the issuance inbox's routes (reading it, and replying) once the hub has started, when SMTP and the inbox
 * are configured; certificate e-mails go out through the delivery engine (CertificateEmailConnector).
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
        if (inbox) {
            TemplatedRoutes.add(camel, "mail-intake-replies", "mail-intake-replies", Map.of());
            TemplatedRoutes.add(camel, "mail-intake", "mail-intake", Map.of());
        }
    }
}
