package io.certbridge.emulator.trustedform;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The user and password of an {@code Authorization: Basic …} header. */
record BasicCredentials(String user, String password) {

    /** {@code null} when the header is missing, not Basic, or not base64 of {@code user:password}. */
    static BasicCredentials parse(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
