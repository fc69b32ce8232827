package io.certbridge.issuers;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 of a webhook's raw body as lower-case hex, the signature TRUE, SwanShare and VEC.digital send. */
public final class HexHmac {

    private HexHmac() {
    }

    public static String of(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code signature} (hex, any case, after an optional prefix such as {@code sha256=}) signs the body. */
    public static boolean matches(String secret, byte[] body, String signature, String prefix) {
        if (secret == null || signature == null || !signature.startsWith(prefix)) {
            return false;
        }
        byte[] expected = of(secret, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.substring(prefix.length()).toLowerCase().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    /** Compares two secrets in constant time. */
    public static boolean sameSecret(String expected, String given) {
        return expected != null && given != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
