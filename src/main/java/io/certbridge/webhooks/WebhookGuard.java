package io.certbridge.webhooks;

import io.certbridge.shared.net.HostResolver;
import io.certbridge.shared.net.SsrfGuard;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The guard for customers' webhook and callback URLs, by certbridge.webhooks.* settings. */
@Configuration(proxyBeanMethods = false)
class WebhookGuard {

    @Bean
    SsrfGuard ssrfGuard(WebhookSettings settings, HostResolver resolver) {
        return settings.guard(resolver);
    }
}
