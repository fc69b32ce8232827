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
 * The camel-salesforce component, set up from certbridge.salesforce.* (there is no camel-salesforce starter
 * for Camel 4.18). Both the platform-event subscriptions and the record write-backs go through it, so they
 * share one login. A request refused for an expired session logs in again and is sent once more.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "certbridge.salesforce", name = "login-url")
class SalesforceConnection {

    private static final Map<String, AuthenticationType> FLOWS = Map.of(
            "jwt", AuthenticationType.JWT,
            "client_credentials", AuthenticationType.CLIENT_CREDENTIALS,
            "password", AuthenticationType.USERNAME_PASSWORD,
            "refresh_token", AuthenticationType.REFRESH_TOKEN);

    @Bean("salesforce")
    SalesforceComponent salesforce(SalesforceSettings settings) {
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
        component.setHttpClientProperties(new HashMap<>(Map.of("maxRetries", 1)));
        return component;
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("certbridge.salesforce." + name + " is required");
        }
        return value;
    }
}
