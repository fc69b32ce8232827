package io.certbridge.wallet;

import com.apicatalog.multibase.Multibase;
import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.shared.Sha256;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The key a wallet proves it holds, named in its key proof's header by {@code kid} (a did:key DID URL) or given as a
 * {@code jwk}: an Ed25519 key (alg EdDSA) or a P-256 key (alg ES256). {@code did} is the holder's DID the credential
 * is bound to: the did:key itself, or did:jwk of the public JWK.
 */
record HolderKey(String did, String alg, byte[] ed25519, ECPoint p256) {

    private static final X9ECParameters P256 = NISTNamedCurves.getByName("P-256");
    private static final ECDomainParameters P256_DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    /** A did:key DID URL, {@code did:key:z…#z…}: the multicodec Ed25519 (0xed) or compressed P-256 (0x1200) key. */
    static HolderKey ofKid(String kid) {
        if (!kid.startsWith("did:key:z")) {
            throw WalletError.invalidProof("kid must be a did:key DID URL; other DID methods are not resolved");
        }
        int hash = kid.indexOf('#');
        String did = hash < 0 ? kid : kid.substring(0, hash);
        String multibase = did.substring("did:key:".length());
        if (hash >= 0 && !kid.substring(hash + 1).equals(multibase)) {
            throw WalletError.invalidProof("kid's fragment must name the did:key's own key");
        }
        byte[] decoded;
        try {
            decoded = Multibase.BASE_58_BTC.decode(multibase);
        } catch (RuntimeException e) {
            throw WalletError.invalidProof("kid's did:key is not base58btc");
        }
        if (decoded.length == 34 && (decoded[0] & 0xff) == 0xed && decoded[1] == 0x01) {
            return new HolderKey(did, "EdDSA", Arrays.copyOfRange(decoded, 2, 34), null);
        }
        if (decoded.length == 35 && (decoded[0] & 0xff) == 0x80 && decoded[1] == 0x24) {
            try {
                return new HolderKey(did, "ES256", null, P256.getCurve().decodePoint(Arrays.copyOfRange(decoded, 2, 35)));
            } catch (IllegalArgumentException e) {
                throw WalletError.invalidProof("kid's did:key is not a point on P-256");
            }
        }
        throw WalletError.invalidProof("kid's did:key is neither an Ed25519 nor a P-256 key");
    }

    /** A public JWK: OKP Ed25519 or EC P-256; a JWK with a private part is refused. */
    static HolderKey ofJwk(JsonNode jwk) {
        if (!jwk.isObject() || jwk.has("d")) {
            throw WalletError.invalidProof("jwk must be a public key");
        }
        String kty = jwk.path("kty").asText();
        String crv = jwk.path("crv").asText();
        if (kty.equals("OKP") && crv.equals("Ed25519")) {
            byte[] x = coordinate(jwk, "x", 32);
            return new HolderKey(didJwk("{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + jwk.get("x").asText() + "\"}"),
                    "EdDSA", x, null);
        }
        if (kty.equals("EC") && crv.equals("P-256")) {
            ECPoint point;
            try {
                point = P256.getCurve().createPoint(new BigInteger(1, coordinate(jwk, "x", 32)),
                        new BigInteger(1, coordinate(jwk, "y", 32)));
            } catch (IllegalArgumentException e) {
                throw WalletError.invalidProof("jwk is not a point on P-256");
            }
            if (!point.isValid()) {
                throw WalletError.invalidProof("jwk is not a point on P-256");
            }
            return new HolderKey(didJwk("{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + jwk.get("x").asText()
                    + "\",\"y\":\"" + jwk.get("y").asText() + "\"}"), "ES256", null, point);
        }
        throw WalletError.invalidProof("jwk must be an OKP Ed25519 or an EC P-256 key");
    }

    /** Whether {@code signature} (a JWS signature: Ed25519, or P-256's r and s of 32 bytes each) signs {@code input}. */
    boolean verifies(byte[] input, byte[] signature) {
        if (ed25519 != null) {
            if (signature.length != 64) {
                return false;
            }
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, new Ed25519PublicKeyParameters(ed25519, 0));
            verifier.update(input, 0, input.length);
            return verifier.verifySignature(signature);
        }
        if (signature.length != 64) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, new ECPublicKeyParameters(p256, P256_DOMAIN));
        return verifier.verifySignature(Sha256.of(input), new BigInteger(1, Arrays.copyOfRange(signature, 0, 32)),
                new BigInteger(1, Arrays.copyOfRange(signature, 32, 64)));
    }

    private static byte[] coordinate(JsonNode jwk, String name, int length) {
        byte[] value;
        try {
            value = BASE64URL.decode(jwk.path(name).asText());
        } catch (IllegalArgumentException e) {
            throw WalletError.invalidProof("jwk's " + name + " is not base64url");
        }
        if (value.length != length) {
            throw WalletError.invalidProof("jwk's " + name + " is not " + length + " bytes");
        }
        return value;
    }

    /** did:jwk of the JWK's public members, written in the order of their names. */
    private static String didJwk(String publicJwk) {
        return "did:jwk:" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(publicJwk.getBytes(StandardCharsets.UTF_8));
    }
}
