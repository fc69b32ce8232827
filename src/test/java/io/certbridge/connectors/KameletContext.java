package io.certbridge.connectors;

import io.certbridge.salesforce.SalesforceSettings;
import io.certbridge.shared.net.SsrfGuard;
import io.certbridge.shared.net.SystemHostResolver;
import io.certbridge.webhooks.GuardedHttpClient;
import io.certbridge.webhooks.WebhookSettings;
import org.apache.camel.component.http.springboot.HttpComponentAutoConfiguration;
import org.apache.camel.component.http.springboot.HttpComponentConverter;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The least of the hub that its Kamelets need: Camel, with the http component set up from camel.component.http.* as
 * the hub's (no retries of its own); the hub's Camel glue (io.certbridge.camel: camel.kamelet.* handed to Camel, no
 * error handler in Kamelet routes); the salesforceRest component (io.certbridge.salesforce) and the guarded client
 * the customer-webhook-sink calls. No database, no Kafka, no web server.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({CamelAutoConfiguration.class, HttpComponentAutoConfiguration.class,
        HttpComponentConverter.class})
@EnableConfigurationProperties({SalesforceSettings.class, WebhookSettings.class})
@ComponentScan(basePackages = {"io.certbridge.camel", "io.certbridge.salesforce"})
class KameletContext {

    @Bean(destroyMethod = "close")
    GuardedHttpClient guardedHttpClient(WebhookSettings settings) {
        return new GuardedHttpClient(settings.guard(new SystemHostResolver()), settings);
    }
}
