package io.certbridge.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook-signature header of Standard Webhooks v1: HMAC-SHA256 over {@code id.timestamp.body}, base64, as
 * {@code v1,<signature>}; one per secret, space-separated, so that a receiver keeps verifying while a secret is
 * rotated.
 */
public final class StandardWebhookSignature {

    private StandardWebhookSignature() {
    }

    public static String header(List<byte[]> secrets, String messageId, long timestamp, byte[] body) {
        return secrets.stream().map(secret -> "v1," + sign(secret, messageId, timestamp, body))
                .collect(Collectors.joining(" "));
    }

    static String sign(byte[] secret, String messageId, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((messageId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
