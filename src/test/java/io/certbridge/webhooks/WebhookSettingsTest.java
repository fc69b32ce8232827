package io.certbridge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

    @Test
    void defaultsCallOnlyPublicHttpsWithTheSpecTimeout() {
        WebhookSettings settings = TestSettings.webhooks();

        assertThat(settings.allowHttp()).isFalse();
        assertThat(settings.allowedNetworks()).isEmpty();
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(15));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.maxResponseBodyBytes()).isEqualTo(4096);
    }

    @Test
    void allowedNetworksAreAListOfCidrs() {
        assertThat(TestSettings.webhooks("allowed-networks=127.0.0.1/32,fd00::/8").allowedNetworks())
                .containsExactly("127.0.0.1/32", "fd00::/8");
    }
}
