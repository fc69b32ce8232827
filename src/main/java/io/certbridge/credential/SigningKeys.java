package io.certbridge.credential;

import com.apicatalog.multibase.Multibase;
import io.certbridge.shared.HubSettings;
import io.certbridge.shared.Sha256;
import io.certbridge.embedded.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The keys the hub signs with, and every public key it has signed with. The signing key comes from
 * configuration (an Ed25519 secret key as a multibase Multikey, {@code z3u2…}) or, on the embedded
 * default only, from a key generated on first start under the data directory; the sandbox issuer's
 * key is derived from it. Each key that signs is recorded in the database, so a rotated-out key stays
 * in the DID document and its credentials keep verifying, on every instance.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final byte[] ED25519_PRIV = {(byte) 0x80, 0x26};

    /** How long an instance may go on signing with a key that another instance has just retired. */
    static final Duration RETIREMENT_SEEN_WITHIN = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final KeyRetirements retirements;
    private final byte[] seed;
    private final SigningKey live;
    private final SigningKey sandbox;
    private final Map<String, Boolean> known = new ConcurrentHashMap<>();

    public SigningKeys(JdbcClient jdbc, KeyRetirements retirements, HubSettings settings,
                       ObjectProvider<EmbeddedPostgresServer> embeddedDatabase) {
        this.jdbc = jdbc;
        this.retirements = retirements;
        String configured = settings.credentials().signingKey();
        if (!configured.isEmpty()) {
            seed = seed(configured, "certbridge.credentials.signing-key");
        } else if (embeddedDatabase.getIfAvailable() != null) {
            seed = keptUnder(settings.dataDir());
        } else {
            throw new IllegalStateException("Set certbridge.credentials.signing-key (CERTBRIDGE_SIGNING_KEY): with an "
                    + "external database every instance must sign with the same configured key");
        }
        this.live = new SigningKey(seed);
        this.sandbox = new SigningKey(derivedSecret("sandbox signing key v1"));
        record(live, false);
        record(sandbox, true);
        log.info("Signing credentials with key {} (sandbox: {})", live.multikey(), sandbox.multikey());
    }

    /** The key to sign with now; refused while it is retired. */
    public SigningKey active(boolean forSandbox) {
        SigningKey key = forSandbox ? sandbox : live;
        Optional<KeyRetirements.Retirement> retired = retirements.of(key.multikey(), RETIREMENT_SEEN_WITHIN);
        if (retired.isPresent()) {
            throw new SigningKeyRetired(key.multikey(), retired.get());
        }
        return key;
    }

    /**
     * 32 bytes for {@code purpose}, derived from the live key's seed, which never leaves this class: every instance
     * that signs with the same key derives the same bytes, and they tell nothing about the seed or another purpose's.
     * Changing the signing key changes them too.
     */
    public byte[] derivedSecret(String purpose) {
        return Sha256.of(concat(("certbridge " + purpose).getBytes(StandardCharsets.UTF_8), seed));
    }

    /** The public key named by a Multikey this hub has signed with for that issuer, if it has. */
    public Optional<byte[]> publicKey(String multikey, boolean forSandbox) {
        Boolean recordedFor = known.get(multikey);
        if (recordedFor == null) {
            recordedFor = jdbc.sql("select sandbox from signing_keys where multikey = ?").param(multikey)
                    .query(Boolean.class).optional().orElse(null);
            if (recordedFor != null) {
                known.put(multikey, recordedFor);
            }
        }
        return recordedFor != null && recordedFor == forSandbox
                ? Optional.ofNullable(Multikey.decodeEd25519(multikey)) : Optional.empty();
    }

    /** A key the hub has signed with, and its retirement if it was retired. */
    public record RecordedKey(String multikey, Optional<KeyRetirements.Retirement> retirement) {
    }

    /** Every Multikey the hub has signed with for that issuer, oldest first. */
    public List<RecordedKey> recorded(boolean forSandbox) {
        return jdbc.sql("""
                        select multikey, retired_at, retired_reason from signing_keys where sandbox = ?
                        order by created_at, multikey""")
                .param(forSandbox)
                .query((row, n) -> new RecordedKey(row.getString("multikey"), KeyRetirements.of(row)))
                .list();
    }

    /** Encodes a 32-byte Ed25519 seed as the multibase secret Multikey that configuration accepts. */
    public static String encodeSecret(byte[] seed) {
        return Multibase.BASE_58_BTC.encode(concat(ED25519_PRIV, seed));
    }

    private void record(SigningKey key, boolean forSandbox) {
        jdbc.sql("insert into signing_keys (multikey, sandbox) values (?, ?) on conflict do nothing")
                .params(key.multikey(), forSandbox).update();
        known.put(key.multikey(), forSandbox);
    }

    private static byte[] seed(String secretMultikey, String source) {
        byte[] decoded;
        try {
            decoded = Multibase.BASE_58_BTC.decode(secretMultikey.strip());
        } catch (RuntimeException e) {
            throw new IllegalStateException(source + " is not a multibase (z…) value");
        }
        if (decoded.length != 34 || decoded[0] != ED25519_PRIV[0] || decoded[1] != ED25519_PRIV[1]) {
            throw new IllegalStateException(source + " is not an Ed25519 secret Multikey");
        }
        return Arrays.copyOfRange(decoded, 2, 34);
    }

    private static byte[] keptUnder(Path dataDir) {
        Path file = dataDir.resolve("keys").resolve("ed25519-signing-key");
        try {
            if (Files.exists(file)) {
                return seed(Files.readString(file), file.toString());
            }
            Files.createDirectories(file.getParent());
            byte[] seed = new byte[32];
            new SecureRandom().nextBytes(seed);
            Path written = Files.createTempFile(file.getParent(), "key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(written, encodeSecret(seed));
            Files.move(written, file, StandardCopyOption.ATOMIC_MOVE);
            log.info("Generated a signing key under {}", file.getParent());
            return seed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the signing key under " + file.getParent(), e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
