package io.certbridge.webhooks;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * certbridge.webhooks.*: how the hub calls the URLs its customers give it. Only public addresses over https are
 * called; {@code allowHttp} is a development switch, and {@code allowedNetworks} (CIDRs such as 10.1.0.0/16) are
 * let through although private or loopback, for self-hosted setups whose receivers live inside the network.
 * {@code timeout} bounds a whole call, {@code connectTimeout} its connection; at most {@code maxResponseBodyBytes}
 * of a receiver's answer are read. After a secret is rotated, the previous one keeps signing for {@code secretOverlap}.
 * An endpoint whose deliveries have all failed for {@code disableAfter} is disabled. How a message not delivered is
 * tried again is the delivery engine's, certbridge.deliveries.connectors.customer-webhook-sink.
 */
@Validated
@ConfigurationProperties("certbridge.webhooks")
public record WebhookSettings(boolean allowHttp, List<String> allowedNetworks,
                              @DefaultValue("15s") @DurationMin(millis = 1) Duration timeout,
                              @DefaultValue("5s") @DurationMin(millis = 1) Duration connectTimeout,
                              @DefaultValue("4096") @Positive int maxResponseBodyBytes,
                              @DefaultValue("200") @Positive int maxConnections,
                              @DefaultValue("20") @Positive int maxConnectionsPerHost,
                              @DefaultValue("24h") Duration secretOverlap,
                              @DefaultValue("5d") @DurationMin(seconds = 1) Duration disableAfter) {

    public WebhookSettings {
        allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
        if (secretOverlap.isNegative()) {
            throw new IllegalArgumentException("certbridge.webhooks.secret-overlap must not be negative");
        }
    }
}
