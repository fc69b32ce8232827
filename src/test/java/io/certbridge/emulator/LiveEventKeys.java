package io.certbridge.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The RS256 keys that sign Canvas HTTPS Live Events: three published keys (previous, current, next;
 * the current one is the middle one and signs), rotated by dropping the oldest and adding a new next
 * key. One extra key is never published, for forged-signature tests.
 */
final class LiveEventKeys {

    private record Key(String kid, KeyPair pair) {
    }

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final KeyPairGenerator generator;
    private final String kidPrefix = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final List<Key> published = new ArrayList<>();
    private final Key unpublished;
    private int serial;

    LiveEventKeys() {
        try {
            generator = KeyPairGenerator.getInstance("RSA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        generator.initialize(2048);
        for (int i = 0; i < 3; i++) {
            published.add(newKey("le"));
        }
        unpublished = newKey("unpublished");
    }

    synchronized String currentKid() {
        return published.get(1).kid();
    }

    synchronized List<String> publishedKids() {
        return published.stream().map(Key::kid).toList();
    }

    /** Drops the oldest key; next becomes current; a new next key is added. */
    synchronized void rotate() {
        published.remove(0);
        published.add(newKey("le"));
    }

    /** {@code {"keys":[previous, current, next]}} as RSA public JWKs. */
    synchronized ObjectNode jwks() {
        ObjectNode jwks = NODES.objectNode();
        ArrayNode keys = jwks.putArray("keys");
        for (Key key : published) {
            RSAPublicKey pub = (RSAPublicKey) key.pair().getPublic();
            keys.addObject()
                    .put("kty", "RSA")
                    .put("kid", key.kid())
                    .put("use", "sig")
                    .put("alg", "RS256")
                    .put("n", B64URL.encodeToString(unsigned(pub.getModulus())))
                    .put("e", B64URL.encodeToString(unsigned(pub.getPublicExponent())));
        }
        return jwks;
    }

    synchronized String signWithCurrent(String payloadJson) {
        return sign(published.get(1), payloadJson);
    }

    String signWithUnpublished(String payloadJson) {
        return sign(unpublished, payloadJson);
    }

    /** Compact JWS: the payload is the given bytes exactly, not re-serialized. */
    private static String sign(Key key, String payloadJson) {
        ObjectNode header = NODES.objectNode().put("alg", "RS256").put("kid", key.kid()).put("typ", "JWT");
        String signingInput = B64URL.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8))
                + "." + B64URL.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key.pair().getPrivate());
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Key newKey(String kind) {
        return new Key(kind + "-" + kidPrefix + "-" + (++serial), generator.generateKeyPair());
    }

    /** Big-endian magnitude without the sign byte, as JWK "n" and "e" require. */
    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 1 && bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
