package io.certbridge.mail;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Makes the issuance inbox's routes (reading, replying) once the hub has started, when the inbox is configured. */
@Component
@ConditionalOnProperty(prefix = "certbridge.mail.inbox", name = "host")
class MailFlows implements ApplicationRunner {

    private final CamelContext camel;

    MailFlows(CamelContext camel, MailSettings settings) {
        this.camel = camel;
        if (settings.smtp().host() == null || settings.smtp().from() == null) {
            throw new IllegalStateException("The issuance inbox answers every mail: set certbridge.mail.smtp.host and .from");
        }
        if (settings.senders().isEmpty()) {
            throw new IllegalStateException("The issuance inbox needs certbridge.mail.senders: nobody may issue by mail");
        }
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        TemplatedRouteBuilder.builder(camel, "mail-replies").routeId("mail-replies").add();
        TemplatedRouteBuilder.builder(camel, "mail-issuance").routeId("mail-issuance").add();
    }
}
