package io.certbridge.webhooks;

import io.certbridge.shared.net.HostResolver;
import io.certbridge.shared.net.SsrfGuard;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * certbridge.webhooks.*: how the hub calls the URLs its customers give it. Only public addresses over https are
 * called; {@code allowHttp} is a development switch, and {@code allowedNetworks} (CIDRs such as 10.1.0.0/16) are
 * let through although private or loopback, for self-hosted setups whose receivers live inside the network.
 * {@code timeout} bounds a whole call, {@code connectTimeout} its connection; at most {@code maxResponseBodyBytes}
 * of a receiver's answer are read. After a secret is rotated, the previous one keeps signing for {@code secretOverlap}.
 * An endpoint whose deliveries have all failed for {@code disableAfter} is disabled. {@code callbackSecret}
 * ({@code whsec_<base64>}, from CERTBRIDGE_WEBHOOKS_CALLBACKSECRET) signs callbacks to URLs given with a request rather
 * than registered (a hash certification's {@code webhook_url}); without it such URLs are refused. How a message not delivered is
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
                              @DefaultValue("5d") @DurationMin(seconds = 1) Duration disableAfter,
                              String callbackSecret) {

    public WebhookSettings {
        allowedNetworks = allowedNetworks == null ? List.of() : List.copyOf(allowedNetworks);
        if (secretOverlap.isNegative()) {
            throw new IllegalArgumentException("certbridge.webhooks.secret-overlap must not be negative");
        }
        callbackSecret = callbackSecret == null || callbackSecret.isBlank() ? null : callbackSecret.strip();
        if (callbackSecret != null && callbackKey(callbackSecret) == null) {
            throw new IllegalArgumentException("certbridge.webhooks.callback-secret must be whsec_ followed by the "
                    + "base64 of at least 24 bytes (set CERTBRIDGE_WEBHOOKS_CALLBACKSECRET)");
        }
    }

    /** The gate every call to a customer's URL passes, by these settings. */
    public SsrfGuard guard(HostResolver resolver) {
        return new SsrfGuard(allowHttp, allowedNetworks, resolver);
    }

    /** The key that signs callbacks, when one is configured. */
    public Optional<byte[]> callbackKey() {
        return Optional.ofNullable(callbackSecret).map(WebhookSettings::callbackKey);
    }

    private static byte[] callbackKey(String secret) {
        try {
            byte[] key = secret.startsWith("whsec_") ? Base64.getDecoder().decode(secret.substring(6)) : null;
            return key != null && key.length >= 24 ? key : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "WebhookSettings[allowHttp=" + allowHttp + ", allowedNetworks=" + allowedNetworks + ", timeout="
                + timeout + ", disableAfter=" + disableAfter + ", callbackSecret="
                + (callbackSecret == null ? "none" : "(set)") + "]";
    }
}
