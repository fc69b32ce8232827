package io.certbridge.wallet;

import io.certbridge.credential.SigningKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The transaction code of an offer: digits derived from its id with a key derived from the signing key, so that the
 * code is kept nowhere (the offer keeps its SHA-256), and the e-mail that carries it is composed when it is sent. A
 * signing key changed between an offer and its e-mail would send a code the offer does not accept.
 */
@Component
public class TxCodes {

    private final byte[] key;
    private final int length;

    TxCodes(SigningKeys keys, WalletSettings settings) {
        this.key = keys.derivedSecret("wallet transaction codes v1");
        this.length = settings.txCodeLength();
    }

    public String of(String offerId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            BigInteger value = new BigInteger(1, mac.doFinal(offerId.getBytes(StandardCharsets.UTF_8)));
            String digits = value.mod(BigInteger.TEN.pow(length)).toString();
            return "0".repeat(length - digits.length()) + digits;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
