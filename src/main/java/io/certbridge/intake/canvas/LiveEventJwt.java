package io.certbridge.intake.canvas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.intake.SignatureRejected;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * A Canvas Live Event delivered as a compact JWS ("Sign Payload" on): RS256, the key named by the header's kid
 * in Canvas's JWKS, the live event JSON as the payload.
 */
public final class LiveEventJwt {

    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    private LiveEventJwt() {
    }

    /**
     * The payload (the live event JSON) once the token is proven to be signed by Canvas and still in date.
     *
     * @throws SignatureRejected with the reason, for the log
     */
    public static byte[] verify(String compactJws, CanvasJwks keys, Instant now) {
        if (compactJws == null || compactJws.isBlank()) {
            throw new SignatureRejected("empty token");
        }
        String token = compactJws.strip();
        String[] segments = token.split("\\.", -1);
        if (segments.length != 3) {
            throw new SignatureRejected("token has " + segments.length + " segments, a compact JWS has 3");
        }
        JsonNode header = jsonObject(decode(segments[0], "header"), "header");

        // Only the algorithm we expect, whatever the token claims: taking "none" or HS256 from the header is how
        // algorithm-confusion attacks get a forged token past an RSA public key.
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual() || !"RS256".equals(alg.asText())) {
            throw new SignatureRejected("token alg is " + shown(alg) + ", only RS256 is accepted");
        }
        // No header extension is understood here, so any critical one must fail (RFC 7515 §4.1.11).
        if (header.has("crit")) {
            throw new SignatureRejected("token header has crit extensions, none are supported");
        }
        JsonNode kid = header.get("kid");
        if (kid == null || !kid.isTextual() || kid.asText().isBlank()) {
            throw new SignatureRejected("token header has no kid");
        }
        // Only the kid is used to pick a key; jku, x5u or an embedded jwk in the header are never followed.
        RSAPublicKey key = keys.key(kid.asText())
                .orElseThrow(() -> new SignatureRejected("no Canvas key with kid " + shown(kid) + " in the JWKS"));

        byte[] signature = decode(segments[2], "signature");
        byte[] signingInput = (segments[0] + "." + segments[1]).getBytes(StandardCharsets.US_ASCII);
        if (!rs256Valid(key, signingInput, signature)) {
            throw new SignatureRejected("token signature does not verify with the key " + shown(kid));
        }

        byte[] payload = decode(segments[1], "payload");
        checkTimes(jsonObject(payload, "payload"), now);
        return payload;
    }

    /**
     * Whether a delivered body is a compact JWS rather than plain JSON: after trimming whitespace it does not
     * start with '{', has exactly two '.' and otherwise only base64url characters (and '=' padding).
     */
    public static boolean looksLikeJws(byte[] body) {
        if (body == null) {
            return false;
        }
        int start = 0;
        int end = body.length;
        while (start < end && isWhitespace(body[start])) {
            start++;
        }
        while (end > start && isWhitespace(body[end - 1])) {
            end--;
        }
        if (start == end || body[start] == '{') {
            return false;
        }
        int dots = 0;
        for (int i = start; i < end; i++) {
            byte b = body[i];
            if (b == '.') {
                dots++;
            } else if (!isBase64UrlOrPadding(b)) {
                return false;
            }
        }
        return dots == 2;
    }

    private static void checkTimes(JsonNode claims, Instant now) {
        double nowSeconds = now.getEpochSecond() + now.getNano() / 1e9;
        long skew = CLOCK_SKEW.toSeconds();
        JsonNode exp = claims.get("exp");
        if (exp != null && exp.isNumber() && exp.asDouble() + skew < nowSeconds) {
            throw new SignatureRejected("token expired at " + exp.asText() + " (now " + now.getEpochSecond() + ")");
        }
        for (String claim : new String[] {"nbf", "iat"}) {
            JsonNode value = claims.get(claim);
            if (value != null && value.isNumber() && value.asDouble() - skew > nowSeconds) {
                throw new SignatureRejected("token " + claim + " " + value.asText() + " is in the future (now "
                        + now.getEpochSecond() + ")");
            }
        }
    }

    private static boolean rs256Valid(RSAPublicKey key, byte[] signingInput, byte[] signature) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(signingInput);
            return rsa.verify(signature);
        } catch (GeneralSecurityException e) {
            // e.g. a signature of the wrong length for the key
            return false;
        }
    }

    private static byte[] decode(String segment, String name) {
        if (segment.isEmpty()) {
            throw new SignatureRejected("token " + name + " is empty");
        }
        try {
            // The URL decoder takes the segment with or without '=' padding.
            return Base64.getUrlDecoder().decode(segment);
        } catch (IllegalArgumentException e) {
            throw new SignatureRejected("token " + name + " is not base64url");
        }
    }

    private static JsonNode jsonObject(byte[] json, String name) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (IOException e) {
            throw new SignatureRejected("token " + name + " is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new SignatureRejected("token " + name + " is not a JSON object");
        }
        return node;
    }

    /** A header value for the log: JSON-quoted (so no line breaks) and cut short, as the sender chose it. */
    private static String shown(JsonNode value) {
        if (value == null) {
            return "missing";
        }
        String json = value.toString();
        return json.length() <= 80 ? json : json.substring(0, 80) + "...";
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static boolean isBase64UrlOrPadding(byte b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '-' || b == '_' || b == '=';
    }
}
