package io.certbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.env.MockEnvironment;

/** certbridge.deliveries as an operator writes it: a policy for all, a connector's own where it says one. */
class DeliverySettingsTest {

    @Test
    void aConnectorWithoutItsOwnPolicyFollowsTheCommonOne() {
        DeliverySettings settings = bind(Map.of(
                "certbridge.deliveries.retry.max-attempts", "3",
                "certbridge.deliveries.connectors.customer-webhook-sink.batch-size", "500",
                "certbridge.deliveries.connectors.customer-webhook-sink.retry.schedule", "1s,1m",
                "certbridge.deliveries.connectors.customer-webhook-sink.retry.retry-on", "server-error,refused"));

        assertThat(settings.retry("canvas-custom-data-sink").attemptLimit()).isEqualTo(3);
        assertThat(settings.batchSize("canvas-custom-data-sink")).isEqualTo(100);
        assertThat(settings.batchSize("customer-webhook-sink")).isEqualTo(500);
        RetryPolicy webhooks = settings.retry("customer-webhook-sink");
        assertThat(webhooks.schedule()).containsExactly(Duration.ofSeconds(1), Duration.ofMinutes(1));
        assertThat(webhooks.retryOn()).containsExactlyInAnyOrder(Result.SERVER_ERROR, Result.REFUSED);
        assertThat(webhooks.attemptLimit()).isEqualTo(3);
    }

    @Test
    void aPolicyThatCannotWorkIsRefusedAtStartNamingWhatIsWrong() {
        assertThatThrownBy(() -> bind(Map.of("certbridge.deliveries.retry.max-attempts", "0")))
                .hasStackTraceContaining("max-attempts must be at least 1");
        assertThatThrownBy(() -> bind(Map.of("certbridge.deliveries.connectors.mail-smtp-sink.batch-size", "0")))
                .hasStackTraceContaining("certbridge.deliveries.connectors.mail-smtp-sink.batch-size must be positive");
    }

    @Test
    void aSettingOfTheRetiredQueuesRefusesToStartAndNamesItsReplacement() {
        MockEnvironment old = new MockEnvironment().withProperty("certbridge.webhooks.retry-schedule", "5s,5m")
                .withProperty("certbridge.writeback.max-attempts", "4");

        assertThatThrownBy(() -> new RetiredSettings(old)).hasMessageContaining(
                "certbridge.webhooks.retry-schedule is no longer read: set "
                        + "certbridge.deliveries.connectors.customer-webhook-sink.retry.schedule instead",
                "certbridge.writeback.max-attempts is no longer read: set certbridge.deliveries.retry.max-attempts");
        new RetiredSettings(new MockEnvironment().withProperty("certbridge.deliveries.retry.max-attempts", "4"));
    }

    private static DeliverySettings bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("certbridge.deliveries", DeliverySettings.class);
    }
}
