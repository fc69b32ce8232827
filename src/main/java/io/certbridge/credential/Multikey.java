package io.certbridge.credential;

import com.apicatalog.multibase.Multibase;
import java.util.Arrays;

/** Ed25519 public keys as Multikey values: multibase base58btc of the multicodec 0xed01 prefix and the key. */
public final class Multikey {

    private static final byte[] ED25519_PUB = {(byte) 0xed, 0x01};

    private Multikey() {
    }

    public static String encodeEd25519(byte[] publicKey) {
        byte[] prefixed = Arrays.copyOf(ED25519_PUB, 2 + publicKey.length);
        System.arraycopy(publicKey, 0, prefixed, 2, publicKey.length);
        return Multibase.BASE_58_BTC.encode(prefixed);
    }

    /** The 32-byte Ed25519 key, or null when the value is not an Ed25519 Multikey. */
    public static byte[] decodeEd25519(String multikey) {
        if (multikey == null || !Multibase.BASE_58_BTC.isEncoded(multikey)) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = Multibase.BASE_58_BTC.decode(multikey);
        } catch (RuntimeException e) {
            return null;
        }
        if (decoded.length != 34 || decoded[0] != ED25519_PUB[0] || decoded[1] != ED25519_PUB[1]) {
            return null;
        }
        return Arrays.copyOfRange(decoded, 2, 34);
    }
}
