package io.certbridge.credential;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** An Ed25519 key pair the hub signs credentials with; {@code multikey} names its public half. */
public final class SigningKey {

    private final Ed25519PrivateKeyParameters privateKey;
    private final byte[] publicKey;
    private final String multikey;

    public SigningKey(byte[] seed) {
        this.privateKey = new Ed25519PrivateKeyParameters(seed, 0);
        this.publicKey = privateKey.generatePublicKey().getEncoded();
        this.multikey = Multikey.encodeEd25519(publicKey);
    }

    public byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String multikey() {
        return multikey;
    }

    @Override
    public String toString() {
        return "SigningKey[" + multikey + "]";
    }
}
