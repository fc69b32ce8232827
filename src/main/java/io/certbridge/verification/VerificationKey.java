package io.certbridge.verification;

import io.certbridge.shared.Sha256;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.math.ec.ECPoint;

/** A public key a proof can be checked with: Ed25519, or ECDSA on P-256 or P-384. */
sealed interface VerificationKey {

    /** Whether {@code signature} is this key's signature of {@code message}. */
    boolean verifies(byte[] message, byte[] signature);

    /** The hash a cryptosuite uses with this key (SHA-256, or SHA-384 for P-384). */
    byte[] hash(String text);

    String algorithm();

    record Ed25519(byte[] publicKey) implements VerificationKey {

        @Override
        public boolean verifies(byte[] message, byte[] signature) {
            if (signature.length != 64) {
                return false;
            }
            Ed25519Signer verifier = new Ed25519Signer();
            verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
            verifier.update(message, 0, message.length);
            return verifier.verifySignature(signature);
        }

        @Override
        public byte[] hash(String text) {
            return Sha256.of(text);
        }

        @Override
        public String algorithm() {
            return "Ed25519";
        }
    }

    /** An ECDSA key; signatures are r‖s of the curve's size, over the message hashed with the curve's hash. */
    record Ecdsa(Curve curve, ECPublicKeyParameters key) implements VerificationKey {

        enum Curve {
            P256("P-256", "secp256r1", "SHA-256", 32), P384("P-384", "secp384r1", "SHA-384", 48);

            final String jwkName;
            final ECDomainParameters domain;
            final String digest;
            final int size;

            Curve(String jwkName, String curveName, String digest, int size) {
                X9ECParameters params = CustomNamedCurves.getByName(curveName);
                this.jwkName = jwkName;
                this.domain = new ECDomainParameters(params.getCurve(), params.getG(), params.getN(), params.getH());
                this.digest = digest;
                this.size = size;
            }

            /** The key at this encoded point (compressed or not), or null when it is not a point of the curve. */
            Ecdsa key(byte[] encodedPoint) {
                try {
                    ECPoint point = domain.getCurve().decodePoint(encodedPoint);
                    return point.isValid() && !point.isInfinity() ? new Ecdsa(this, new ECPublicKeyParameters(point, domain))
                            : null;
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }

        @Override
        public boolean verifies(byte[] message, byte[] signature) {
            if (signature.length != 2 * curve.size) {
                return false;
            }
            ECDSASigner verifier = new ECDSASigner();
            verifier.init(false, key);
            return verifier.verifySignature(digest(message),
                    new BigInteger(1, Arrays.copyOfRange(signature, 0, curve.size)),
                    new BigInteger(1, Arrays.copyOfRange(signature, curve.size, signature.length)));
        }

        @Override
        public byte[] hash(String text) {
            return digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        @Override
        public String algorithm() {
            return "ECDSA " + curve.jwkName;
        }

        private byte[] digest(byte[] bytes) {
            try {
                return MessageDigest.getInstance(curve.digest).digest(bytes);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
