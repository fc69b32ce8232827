package io.certbridge.verification;

import com.apicatalog.multibase.Multibase;
import io.certbridge.credential.Multikey;
import io.certbridge.verification.VerificationKey.Ecdsa.Curve;
import jakarta.json.JsonObject;
import java.util.Arrays;
import java.util.Base64;

/** Public keys as verification methods write them: a Multikey value, or a JSON Web Key. */
final class KeyEncodings {

    /** Multicodec prefixes (varint) of compressed P-256 and P-384 public keys: 0x1200 and 0x1201. */
    private static final byte[] P256_PUB = {(byte) 0x80, 0x24};
    private static final byte[] P384_PUB = {(byte) 0x81, 0x24};

    private KeyEncodings() {
    }

    /** The key a Multikey value (z… base58btc) holds: Ed25519 (z6Mk…), P-256 (zDn…) or P-384 (z82…); else null. */
    static VerificationKey multikey(String value) {
        byte[] ed25519 = Multikey.decodeEd25519(value);
        if (ed25519 != null) {
            return new VerificationKey.Ed25519(ed25519);
        }
        if (value == null || !Multibase.BASE_58_BTC.isEncoded(value)) {
            return null;
        }
        byte[] decoded;
        try {
            decoded = Multibase.BASE_58_BTC.decode(value);
        } catch (RuntimeException e) {
            return null;
        }
        if (decoded.length == 35 && startsWith(decoded, P256_PUB)) {
            return Curve.P256.key(Arrays.copyOfRange(decoded, 2, decoded.length));
        }
        if (decoded.length == 51 && startsWith(decoded, P384_PUB)) {
            return Curve.P384.key(Arrays.copyOfRange(decoded, 2, decoded.length));
        }
        return null;
    }

    /** The key a public JSON Web Key holds: OKP Ed25519, EC P-256 or EC P-384; else null. */
    static VerificationKey jwk(JsonObject jwk) {
        String kty = Format.string(jwk, "kty");
        String crv = Format.string(jwk, "crv");
        byte[] x = base64url(Format.string(jwk, "x"));
        if ("OKP".equals(kty) && "Ed25519".equals(crv)) {
            return x != null && x.length == 32 ? new VerificationKey.Ed25519(x) : null;
        }
        byte[] y = base64url(Format.string(jwk, "y"));
        if (!"EC".equals(kty) || x == null || y == null) {
            return null;
        }
        for (Curve curve : Curve.values()) {
            if (curve.jwkName.equals(crv) && x.length == curve.size && y.length == curve.size) {
                byte[] point = new byte[1 + 2 * curve.size];
                point[0] = 0x04;
                System.arraycopy(x, 0, point, 1, curve.size);
                System.arraycopy(y, 0, point, 1 + curve.size, curve.size);
                return curve.key(point);
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] base64url(String value) {
        try {
            return value == null ? null : Base64.getUrlDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
