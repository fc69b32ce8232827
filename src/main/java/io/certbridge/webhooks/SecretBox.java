package io.certbridge.webhooks;

import io.certbridge.shared.Sha256;
import io.certbridge.credential.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Seals secrets the hub must read back (the signing secrets of webhook endpoints) with AES-256-GCM, as
 * {@code v1.<key id>.<base64 of nonce ‖ ciphertext ‖ tag>}. The key is derived from the hub's signing key, so every
 * instance that signs with the same key opens what another sealed, without configuration of its own. A value is
 * sealed for a context (the endpoint's id) and opens only for it, so a sealed value copied to another row is useless.
 * The key id tells a value sealed under an earlier signing key from a damaged one.
 */
@Component
public class SecretBox {

    private static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String keyId;

    @Autowired
    public SecretBox(SigningKeys signingKeys) {
        this(signingKeys.derivedSecret("webhook secret encryption key v1"));
    }

    SecretBox(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("AES-256 needs a 32-byte key");
        }
        this.key = new SecretKeySpec(key, "AES");
        this.keyId = HexFormat.of().formatHex(Arrays.copyOf(Sha256.of(key), 4));
    }

    public String seal(byte[] secret, String context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = Arrays.copyOf(nonce, NONCE_BYTES + secret.length + TAG_BITS / 8);
        try {
            cipher(Cipher.ENCRYPT_MODE, nonce, context).doFinal(secret, 0, secret.length, sealed, NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
        return VERSION + "." + keyId + "." + Base64.getEncoder().encodeToString(sealed);
    }

    /** Whether {@code sealed} was sealed under this hub's current key (and so can be opened, unless damaged). */
    public boolean sealedWithThisKey(String sealed) {
        return sealed.startsWith(VERSION + "." + keyId + ".");
    }

    /** The secret, or an exception if the value was sealed under another key or for another context, or altered. */
    public byte[] open(String sealed, String context) {
        if (!sealedWithThisKey(sealed)) {
            throw new IllegalStateException("A secret was sealed under another key than this hub's (" + keyId
                    + "); was the signing key changed? Rotate the secret.");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed.substring(sealed.lastIndexOf('.') + 1));
            if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
                throw new IllegalStateException("A sealed secret is too short");
            }
            return cipher(Cipher.DECRYPT_MODE, Arrays.copyOf(bytes, NONCE_BYTES), context)
                    .doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES);
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalStateException("A sealed secret does not open: it was altered or belongs elsewhere");
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
