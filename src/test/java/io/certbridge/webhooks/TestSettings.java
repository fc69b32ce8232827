package io.certbridge.webhooks;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** WebhookSettings bound the way the application binds them, from properties such as "allow-http=true". */
final class TestSettings {

    private TestSettings() {
    }

    static WebhookSettings webhooks(String... properties) {
        Map<String, String> map = new HashMap<>();
        for (String property : properties) {
            int equals = property.indexOf('=');
            map.put("certbridge.webhooks." + property.substring(0, equals), property.substring(equals + 1));
        }
        return new Binder(new MapConfigurationPropertySource(map))
                .bindOrCreate("certbridge.webhooks", WebhookSettings.class);
    }
}
