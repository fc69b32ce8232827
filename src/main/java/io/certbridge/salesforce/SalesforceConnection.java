package io.certbridge.salesforce;

import io.certbridge.salesforce.SalesforceSettings.Auth;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The camel-salesforce components, set up from certbridge.salesforce.* (there is no camel-salesforce
 * starter for Camel 4.18): {@code salesforceStream} for the platform-event subscriptions and
 * {@code salesforceRest} for the record write-backs. Each logs in on its own: in camel-salesforce 4.18 a
 * session's re-login holds a lock across the login request, and a subscription and a REST call renewing
 * one session at the same moment can block each other for good. A REST request refused for an expired
 * session logs in again and is sent once more.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "certbridge.salesforce", name = "login-url")
class SalesforceConnection {

    private static final Map<String, AuthenticationType> FLOWS = Map.of(
            "jwt", AuthenticationType.JWT,
            "client_credentials", AuthenticationType.CLIENT_CREDENTIALS,
            "password", AuthenticationType.USERNAME_PASSWORD,
            "refresh_token", AuthenticationType.REFRESH_TOKEN);

    private static final int MAX_BATCH_BYTES = 64 * 1024 * 1024;

    @Bean("salesforceStream")
    SalesforceComponent salesforceStream(SalesforceSettings settings) {
        return component(settings);
    }

    @Bean("salesforceRest")
    SalesforceComponent salesforceRest(SalesforceSettings settings) {
        return component(settings);
    }

    private static SalesforceComponent component(SalesforceSettings settings) {
        Auth auth = settings.auth();
        SalesforceComponent component = new SalesforceComponent();
        component.setLoginUrl(settings.loginUrl());
        component.setInstanceUrl(settings.instanceUrl());
        component.setClientId(required(auth.clientId(), "auth.client-id"));
        component.setClientSecret(auth.clientSecret());
        component.setUserName(auth.username());
        component.setPassword(auth.password());
        component.setJwtAudience(auth.jwtAudience());
        if (auth.keystore() != null) {
            KeyStoreParameters keystore = new KeyStoreParameters();
            keystore.setResource(auth.keystore());
            keystore.setPassword(auth.keystorePassword());
            keystore.setType("PKCS12");
            component.setKeystore(keystore);
        }
        if (auth.type() != null) {
            AuthenticationType flow = FLOWS.get(auth.type().toLowerCase(Locale.ROOT));
            if (flow == null) {
                throw new IllegalStateException("certbridge.salesforce.auth.type must be one of "
                        + FLOWS.keySet().stream().sorted().toList());
            }
            component.setAuthenticationType(flow);
        }
        SalesforceEndpointConfig config = new SalesforceEndpointConfig();
        config.setApiVersion(settings.apiVersion());
        config.setDefaultReplayId(settings.initialReplayId());
        config.setFallBackReplayId(settings.fallbackReplayId());
        component.setConfig(config);
        // camel-salesforce counts the first attempt: 2 is one re-login and one retry
        component.setHttpClientProperties(new HashMap<>(Map.of("maxRetries", 2)));
        // one long-poll answer may carry a large batch of events (CometD's default cap is 1 MiB)
        component.setLongPollingTransportProperties(new HashMap<>(Map.of("maxMessageSize", MAX_BATCH_BYTES)));
        return component;
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("certbridge.salesforce." + name + " is required");
        }
        return value;
    }
}
