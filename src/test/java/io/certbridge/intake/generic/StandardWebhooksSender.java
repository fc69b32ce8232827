package io.certbridge.intake.generic;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs a delivery the way a Standard Webhooks sender does, to drive the hub's inbound webhooks in tests. */
public final class StandardWebhooksSender {

    private StandardWebhooksSender() {
    }

    /** The {@code webhook-id}, {@code webhook-timestamp} and {@code webhook-signature} headers for one delivery. */
    public static Map<String, String> headers(String secret, String id, long timestamp, byte[] body) {
        return Map.of(
                "webhook-id", id,
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", sign(secret, id, timestamp, body));
    }

    /** One {@code v1,<base64>} signature; {@code secret} is {@code whsec_<base64>} or bare base64. */
    public static String sign(String secret, String id, long timestamp, byte[] body) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh random secret in the form senders show it, {@code whsec_<base64 of 32 bytes>}. */
    public static String newSecret() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
