package io.certbridge.wallet;

import com.apicatalog.multibase.Multibase;
import io.certbridge.support.ApiClient;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** A holder's Ed25519 key as a test wallet uses it: named by did:key, signing key proofs shaped as the test says. */
final class WalletKey {

    private final Ed25519PrivateKeyParameters privateKey;
    final String did;

    WalletKey() {
        privateKey = new Ed25519PrivateKeyParameters(new SecureRandom());
        byte[] multicodec = new byte[34];
        multicodec[0] = (byte) 0xed;
        multicodec[1] = 0x01;
        System.arraycopy(privateKey.generatePublicKey().getEncoded(), 0, multicodec, 2, 32);
        did = "did:key:" + Multibase.BASE_58_BTC.encode(multicodec);
    }

    String kid() {
        return did + "#" + did.substring("did:key:".length());
    }

    /** A key proof's header: typ openid4vci-proof+jwt, alg EdDSA, kid this key. */
    Map<String, Object> header() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", "openid4vci-proof+jwt");
        header.put("alg", "EdDSA");
        header.put("kid", kid());
        return header;
    }

    /** A key proof's claims: aud, iat now, nonce. */
    static Map<String, Object> claims(String audience, String nonce) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", audience);
        claims.put("iat", System.currentTimeMillis() / 1000);
        claims.put("nonce", nonce);
        return claims;
    }

    /** The compact JWS of header and claims, signed with this key. */
    String sign(Map<String, Object> header, Map<String, Object> claims) {
        String input = part(header) + "." + part(claims);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        byte[] bytes = input.getBytes(StandardCharsets.US_ASCII);
        signer.update(bytes, 0, bytes.length);
        return input + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.generateSignature());
    }

    /** The same JWS with one bit of its signature flipped. */
    static String tampered(String jwt) {
        int dot = jwt.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(jwt.substring(dot + 1));
        byte[] flipped = Arrays.copyOf(signature, signature.length);
        flipped[0] ^= 1;
        return jwt.substring(0, dot + 1) + Base64.getUrlEncoder().withoutPadding().encodeToString(flipped);
    }

    private static String part(Map<String, Object> value) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(ApiClient.json().writeValueAsBytes(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
