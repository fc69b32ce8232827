package io.certbridge.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.apicatalog.multibase.Multibase;
import io.certbridge.support.ApiClient;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Key proofs from P-256 keys (ES256), named by did:key or given as a JWK, verify and bind the credential to the DID
 * of that key; an Ed25519 key given as a JWK binds it to did:jwk; headers that name a key twice, by a private JWK or
 * by a certificate chain are refused.
 */
class KeyProofTest {

    private static final String ISSUER = "https://hub.example.edu";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair p256 = p256();

    @Test
    void anEs256ProofByAP256JwkBindsToItsDidJwk() throws Exception {
        Map<String, Object> jwk = jwk();
        String jwt = es256(header("jwk", jwk), claims());

        KeyProof proof = verify(jwt);

        assertThat(proof.key().did()).startsWith("did:jwk:");
        assertThat(new String(Base64.getUrlDecoder().decode(proof.key().did().substring("did:jwk:".length())),
                StandardCharsets.UTF_8)).isEqualTo("{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"" + jwk.get("x")
                + "\",\"y\":\"" + jwk.get("y") + "\"}");
        assertThat(proof.nonce()).isEqualTo("n-1");
    }

    @Test
    void anEs256ProofByAP256DidKeyBindsToThatDidKey() throws Exception {
        ECPublicKey key = (ECPublicKey) p256.getPublic();
        byte[] multicodec = new byte[35];
        multicodec[0] = (byte) 0x80;
        multicodec[1] = 0x24;
        multicodec[2] = (byte) (key.getW().getAffineY().testBit(0) ? 0x03 : 0x02);
        System.arraycopy(unsigned32(key.getW().getAffineX()), 0, multicodec, 3, 32);
        String did = "did:key:" + Multibase.BASE_58_BTC.encode(multicodec);

        KeyProof proof = verify(es256(header("kid", did + "#" + did.substring(8)), claims()));

        assertThat(proof.key().did()).isEqualTo(did);
    }

    @Test
    void aProofWhoseSignatureIsNotOfItsKeyIsRefused() throws Exception {
        String jwt = es256(header("jwk", jwk()), claims());
        String other = es256(header("jwk", jwk()), Map.of("aud", ISSUER, "iat", 1, "nonce", "other"));
        String forged = jwt.substring(0, jwt.lastIndexOf('.')) + other.substring(other.lastIndexOf('.'));

        assertThatThrownBy(() -> verify(forged)).isInstanceOf(WalletError.class)
                .hasMessageContaining("signature");
    }

    @Test
    void anEd25519JwkBindsToItsDidJwk() {
        WalletKey ed25519 = new WalletKey();
        byte[] publicKey = Multibase.BASE_58_BTC.decode(ed25519.did.substring(8));
        Map<String, Object> header = new LinkedHashMap<>(Map.of("typ", "openid4vci-proof+jwt", "alg", "EdDSA",
                "jwk", Map.of("kty", "OKP", "crv", "Ed25519",
                        "x", BASE64URL.encodeToString(Arrays.copyOfRange(publicKey, 2, 34)))));

        KeyProof proof = verify(ed25519.sign(header, claims()));

        assertThat(proof.key().did()).startsWith("did:jwk:");
        assertThat(proof.key().alg()).isEqualTo("EdDSA");
    }

    @Test
    void aKeyNamedTwiceAPrivateJwkOrACertificateChainIsRefused() throws Exception {
        Map<String, Object> both = header("jwk", jwk());
        both.put("kid", "did:key:zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169");
        Map<String, Object> privateJwk = new LinkedHashMap<>(jwk());
        privateJwk.put("d", "AAAA");
        Map<String, Object> chain = header("x5c", new String[] {"MIIB"});

        assertThatThrownBy(() -> verify(es256(both, claims()))).hasMessageContaining("exactly one of kid and jwk");
        assertThatThrownBy(() -> verify(es256(header("jwk", privateJwk), claims()))).hasMessageContaining("public");
        assertThatThrownBy(() -> verify(es256(chain, claims()))).hasMessageContaining("kid (did:key) or jwk only");
    }

    private static KeyProof verify(String jwt) {
        return KeyProof.verify(jwt, ISSUER, Instant.now(), Duration.ofMinutes(5), Duration.ofSeconds(60));
    }

    private static Map<String, Object> header(String name, Object value) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", "openid4vci-proof+jwt");
        header.put("alg", "ES256");
        header.put(name, value);
        return header;
    }

    private static Map<String, Object> claims() {
        return WalletKey.claims(ISSUER, "n-1");
    }

    private Map<String, Object> jwk() {
        ECPublicKey key = (ECPublicKey) p256.getPublic();
        return Map.of("kty", "EC", "crv", "P-256",
                "x", BASE64URL.encodeToString(unsigned32(key.getW().getAffineX())),
                "y", BASE64URL.encodeToString(unsigned32(key.getW().getAffineY())));
    }

    private String es256(Map<String, Object> header, Map<String, Object> claims) throws Exception {
        String input = BASE64URL.encodeToString(ApiClient.json().writeValueAsBytes(header)) + "."
                + BASE64URL.encodeToString(ApiClient.json().writeValueAsBytes(claims));
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(p256.getPrivate());
        signer.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + BASE64URL.encodeToString(signer.sign());
    }

    private static byte[] unsigned32(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] out = new byte[32];
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
        return out;
    }

    private static KeyPair p256() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
