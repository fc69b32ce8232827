package io.certbridge.emulator.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * The {@code assertion} of a JWT bearer login, read leniently as camel-salesforce writes it
 * ({@code SalesforceSession.generateJwtAssertion}): segments in base64url that may keep their {@code =}
 * padding, header {@code {"alg":"RS256"}}, and {@code exp} as a JSON string of epoch seconds (a number is
 * accepted too). The signature is SHA256withRSA over the first two segments exactly as sent.
 *
 * @param signedText the text that was signed: {@code <header>.<claims>}
 * @param signature  the decoded signature
 * @param header     the decoded header
 * @param claims     the decoded claims
 */
record JwtBearerAssertion(String signedText, byte[] signature, JsonNode header, JsonNode claims) {

    /** @throws IllegalArgumentException when the text is not three decodable segments of JSON, JSON and bytes */
    static JwtBearerAssertion parse(String assertion) {
        String[] parts = assertion == null ? new String[0] : assertion.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not three segments");
        }
        try {
            return new JwtBearerAssertion(parts[0] + "." + parts[1], decode(parts[2]),
                    SalesforceJson.MAPPER.readTree(decode(parts[0])), SalesforceJson.MAPPER.readTree(decode(parts[1])));
        } catch (IOException e) {
            throw new IllegalArgumentException("segment is not JSON", e);
        }
    }

    private static byte[] decode(String segment) {
        int end = segment.length();
        while (end > 0 && segment.charAt(end - 1) == '=') {
            end--;
        }
        return Base64.getUrlDecoder().decode(segment.substring(0, end));
    }

    boolean isRs256() {
        return "RS256".equals(header.path("alg").asText());
    }

    boolean isSignedBy(PublicKey key) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(signedText.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    String issuer() {
        return claims.path("iss").asText(null);
    }

    String subject() {
        return claims.path("sub").asText(null);
    }

    String audience() {
        return claims.path("aud").asText(null);
    }

    /** {@code exp} in epoch seconds, from a number or a string of digits; {@code -1} when absent or unreadable. */
    long expiresAt() {
        JsonNode exp = claims.path("exp");
        if (exp.isNumber()) {
            return exp.asLong();
        }
        try {
            return exp.isTextual() ? Long.parseLong(exp.asText().strip()) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
