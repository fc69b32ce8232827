package io.certbridge.intake.generic;

import io.certbridge.intake.SignatureRejected;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Standard Webhooks v1 signature check: HMAC-SHA256 over {@code id.timestamp.body} (the raw body bytes),
 * sent as a space-separated list of {@code v1,<base64>} in {@code webhook-signature}, with a timestamp no more
 * than five minutes away from now in either direction.
 */
public final class StandardWebhookSignature {

    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private static final String SECRET_PREFIX = "whsec_";
    private static final String HMAC_SHA256 = "HmacSHA256";

    private StandardWebhookSignature() {
    }

    /**
     * Passes when one {@code v1} signature in {@code webhookSignature} was made with one of {@code secrets}
     * (several while a secret is being rotated).
     *
     * @param secrets {@code whsec_<base64>} or bare base64
     * @throws SignatureRejected with the reason, for the log
     * @throws IllegalArgumentException when a configured secret is not base64 (a configuration error, not a bad
     *     delivery)
     */
    public static void verify(List<String> secrets, String webhookId, String webhookTimestamp,
            String webhookSignature, byte[] body, Instant now) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(now, "now");
        requirePresent(webhookId, "webhook-id");
        requirePresent(webhookTimestamp, "webhook-timestamp");
        requirePresent(webhookSignature, "webhook-signature");
        if (secrets == null || secrets.isEmpty()) {
            throw new SignatureRejected("no webhook secret is configured");
        }
        // The three parts are joined with '.', so a '.' in the id would make the split ambiguous; the spec forbids it.
        if (webhookId.indexOf('.') >= 0) {
            throw new SignatureRejected("webhook-id contains a '.'");
        }
        checkTimestamp(webhookTimestamp, now);

        byte[] signedContent = signedContent(webhookId, webhookTimestamp, body);
        List<byte[]> expected = new ArrayList<>(secrets.size());
        for (int i = 0; i < secrets.size(); i++) {
            expected.add(hmac(key(secrets.get(i), i), signedContent));
        }

        int v1Signatures = 0;
        for (String entry : webhookSignature.strip().split("\\s+")) {
            int comma = entry.indexOf(',');
            // Other schemes (v1a is Ed25519) or malformed entries are not ours to judge; another entry may match.
            if (comma < 0 || !"v1".equals(entry.substring(0, comma))) {
                continue;
            }
            v1Signatures++;
            byte[] presented;
            try {
                presented = Base64.getDecoder().decode(entry.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            for (byte[] candidate : expected) {
                if (MessageDigest.isEqual(presented, candidate)) {
                    return;
                }
            }
        }
        throw new SignatureRejected(v1Signatures == 0
                ? "webhook-signature has no v1 signature"
                : "none of " + v1Signatures + " v1 signatures matches any of " + secrets.size() + " secrets");
    }

    private static void requirePresent(String header, String name) {
        if (header == null || header.isBlank()) {
            throw new SignatureRejected(name + " header is missing");
        }
    }

    private static void checkTimestamp(String header, Instant now) {
        long timestamp;
        try {
            if (!header.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new NumberFormatException();
            }
            timestamp = Long.parseLong(header);
        } catch (NumberFormatException e) {
            throw new SignatureRejected("webhook-timestamp is not an integer number of seconds");
        }
        long nowSeconds = now.getEpochSecond();
        long tolerance = TOLERANCE.toSeconds();
        if (timestamp < nowSeconds - tolerance) {
            throw new SignatureRejected("webhook-timestamp " + timestamp + " is too old (now " + nowSeconds + ")");
        }
        if (timestamp > nowSeconds + tolerance) {
            throw new SignatureRejected("webhook-timestamp " + timestamp + " is too new (now " + nowSeconds + ")");
        }
    }

    private static byte[] signedContent(String id, String timestamp, byte[] body) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(body, 0, content, prefix.length, body.length);
        return content;
    }

    private static byte[] key(String secret, int index) {
        if (secret == null) {
            throw new IllegalArgumentException("webhook secret #" + (index + 1) + " is null");
        }
        String base64 = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            // Not the decoder's message: it quotes the offending character of the secret.
            throw new IllegalArgumentException("webhook secret #" + (index + 1) + " is not base64");
        }
        if (key.length == 0) {
            throw new IllegalArgumentException("webhook secret #" + (index + 1) + " is empty");
        }
        return key;
    }

    private static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(new SecretKeySpec(key, HMAC_SHA256));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
