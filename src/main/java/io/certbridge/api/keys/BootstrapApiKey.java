package io.certbridge.api.keys;

import io.certbridge.shared.HubSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Turns CERTBRIDGE_BOOTSTRAP_API_KEY into the first key, so that a new hub can be used at all. It is made
 * once every bean exists and before the web server takes its first request, so no call can find it missing.
 */
@Component
class BootstrapApiKey implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(BootstrapApiKey.class);

    private final ApiKeys keys;
    private final String secret;

    BootstrapApiKey(ApiKeys keys, HubSettings settings) {
        this.keys = keys;
        this.secret = settings.bootstrapApiKey();
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!secret.isEmpty() && keys.bootstrap(secret)) {
            log.info("Created the bootstrap API key (live, every scope) from CERTBRIDGE_BOOTSTRAP_API_KEY");
        }
    }
}
