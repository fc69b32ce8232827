package io.certbridge.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * A wallet's key proof of the {@code jwt} type (OpenID4VCI 1.0, appendix F.1), checked: header {@code typ}
 * openid4vci-proof+jwt, {@code alg} EdDSA or ES256 matching the key, exactly one of {@code kid} (did:key) and
 * {@code jwk}, the signature, {@code aud} the credential issuer, {@code iat} recent and not ahead. Its {@code nonce}
 * is handed back for the caller to spend, as nonces live in the database.
 */
record KeyProof(HolderKey key, String nonce) {

    static final String TYPE = "openid4vci-proof+jwt";
    static final List<String> ALGORITHMS = List.of("EdDSA", "ES256");
    private static final Set<String> UNSUPPORTED_KEY_HEADERS = Set.of("x5c", "trust_chain", "key_attestation");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    static KeyProof verify(String jwt, String audience, Instant now, Duration maxAge, Duration clockSkew) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw WalletError.invalidProof("the proof is not a compact JWS");
        }
        JsonNode header = json(parts[0], "header");
        JsonNode claims = json(parts[1], "payload");
        if (!TYPE.equals(header.path("typ").asText())) {
            throw WalletError.invalidProof("the proof's typ must be " + TYPE);
        }
        String alg = header.path("alg").asText();
        if (!ALGORITHMS.contains(alg)) {
            throw WalletError.invalidProof("the proof's alg must be one of " + ALGORITHMS);
        }
        if (header.has("crit") || UNSUPPORTED_KEY_HEADERS.stream().anyMatch(header::has)) {
            throw WalletError.invalidProof("the proof names its key by kid (did:key) or jwk only, without crit");
        }
        if (header.has("kid") == header.has("jwk")) {
            throw WalletError.invalidProof("the proof's header must have exactly one of kid and jwk");
        }
        HolderKey key = header.has("kid") ? HolderKey.ofKid(header.path("kid").asText())
                : HolderKey.ofJwk(header.get("jwk"));
        if (!key.alg().equals(alg)) {
            throw WalletError.invalidProof("the proof's alg " + alg + " does not fit its key, which signs with "
                    + key.alg());
        }
        if (!key.verifies((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII), bytes(parts[2], "signature"))) {
            throw WalletError.invalidProof("the proof's signature does not verify with its key");
        }
        if (!audienceIs(claims.path("aud"), audience)) {
            throw WalletError.invalidProof("the proof's aud must be the credential issuer, " + audience);
        }
        if (!claims.path("iat").isNumber()) {
            throw WalletError.invalidProof("the proof must say when it was made (iat)");
        }
        Instant issuedAt = Instant.ofEpochSecond(claims.path("iat").asLong());
        if (issuedAt.isBefore(now.minus(maxAge))) {
            throw WalletError.invalidProof("the proof was made more than " + maxAge.toSeconds() + " s ago (iat)");
        }
        if (issuedAt.isAfter(now.plus(clockSkew))) {
            throw WalletError.invalidProof("the proof's iat is in the future");
        }
        if (claims.path("exp").isNumber() && !Instant.ofEpochSecond(claims.path("exp").asLong()).isAfter(now)) {
            throw WalletError.invalidProof("the proof has expired (exp)");
        }
        return new KeyProof(key, claims.path("nonce").isTextual() ? claims.path("nonce").asText() : null);
    }

    private static boolean audienceIs(JsonNode aud, String audience) {
        if (aud.isArray()) {
            for (JsonNode one : aud) {
                if (audience.equals(one.asText())) {
                    return true;
                }
            }
            return false;
        }
        return aud.isTextual() && audience.equals(aud.asText());
    }

    private static JsonNode json(String part, String name) {
        try {
            JsonNode node = JSON.readTree(bytes(part, name));
            if (node == null || !node.isObject()) {
                throw WalletError.invalidProof("the proof's " + name + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw WalletError.invalidProof("the proof's " + name + " is not JSON");
        }
    }

    private static byte[] bytes(String part, String name) {
        try {
            return BASE64URL.decode(part);
        } catch (IllegalArgumentException e) {
            throw WalletError.invalidProof("the proof's " + name + " is not base64url");
        }
    }
}
