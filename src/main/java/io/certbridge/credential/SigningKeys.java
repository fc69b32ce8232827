package io.certbridge.credential;

import com.apicatalog.multibase.Multibase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The key the hub signs with, and every public key it has signed with. The signing key comes from
 * configuration (an Ed25519 secret key as a multibase Multikey, {@code z3u2…}) or, when none is
 * configured, from a key generated on first start under the data directory. Each key that signs is
 * recorded in the database, so a rotated-out key stays in the DID document and its credentials keep
 * verifying, on every instance.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final byte[] ED25519_PRIV = {(byte) 0x80, 0x26};

    private final JdbcClient jdbc;
    private final SigningKey active;
    private final Map<String, byte[]> known = new ConcurrentHashMap<>();

    public SigningKeys(JdbcClient jdbc, @Value("${certbridge.credentials.signing-key:}") String configured,
                       @Value("${certbridge.data-dir}") Path dataDir) {
        this.jdbc = jdbc;
        this.active = new SigningKey(configured.isBlank() ? keptUnder(dataDir) : seed(configured));
        jdbc.sql("insert into signing_keys (multikey) values (?) on conflict do nothing")
                .param(active.multikey()).update();
        known.put(active.multikey(), active.publicKey());
        log.info("Signing credentials with key {}", active.multikey());
    }

    public SigningKey active() {
        return active;
    }

    /** The public key named by a Multikey this hub has signed with, if it has. */
    public Optional<byte[]> publicKey(String multikey) {
        byte[] key = known.get(multikey);
        if (key == null && jdbc.sql("select count(*) from signing_keys where multikey = ?")
                .param(multikey).query(Integer.class).single() > 0) {
            key = Multikey.decodeEd25519(multikey);
            known.put(multikey, key);
        }
        return Optional.ofNullable(key);
    }

    /** Every Multikey the hub has signed with, oldest first. */
    public List<String> recorded() {
        return jdbc.sql("select multikey from signing_keys order by created_at, multikey").query(String.class).list();
    }

    /** Encodes a 32-byte Ed25519 seed as the multibase secret Multikey that configuration accepts. */
    public static String encodeSecret(byte[] seed) {
        byte[] prefixed = Arrays.copyOf(ED25519_PRIV, 34);
        System.arraycopy(seed, 0, prefixed, 2, 32);
        return Multibase.BASE_58_BTC.encode(prefixed);
    }

    static byte[] seed(String secretMultikey) {
        byte[] decoded;
        try {
            decoded = Multibase.BASE_58_BTC.decode(secretMultikey.strip());
        } catch (RuntimeException e) {
            throw new IllegalStateException("certbridge.credentials.signing-key is not a multibase (z…) value");
        }
        if (decoded.length != 34 || decoded[0] != ED25519_PRIV[0] || decoded[1] != ED25519_PRIV[1]) {
            throw new IllegalStateException("certbridge.credentials.signing-key is not an Ed25519 secret Multikey");
        }
        return Arrays.copyOfRange(decoded, 2, 34);
    }

    private static byte[] keptUnder(Path dataDir) {
        Path file = dataDir.resolve("keys").resolve("ed25519-signing-key");
        try {
            if (Files.exists(file)) {
                return seed(Files.readString(file));
            }
            Files.createDirectories(file.getParent());
            byte[] seed = new byte[32];
            new SecureRandom().nextBytes(seed);
            Path written = Files.createTempFile(file.getParent(), "key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(written, encodeSecret(seed));
            Files.move(written, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            log.info("Generated a signing key under {}", file.getParent());
            return seed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the signing key under " + file.getParent(), e);
        }
    }
}
