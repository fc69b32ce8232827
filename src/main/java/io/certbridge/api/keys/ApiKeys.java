package io.certbridge.api.keys;

import io.certbridge.shared.Cidr;
import io.certbridge.shared.Environment;
import io.certbridge.shared.Ids;
import io.certbridge.api.Scope;
import io.certbridge.shared.Sha256;
import java.net.InetAddress;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** API keys: {@code cb_live_…} or {@code cb_test_…}, kept only as a SHA-256 of the whole key. */
@Component
public class ApiKeys {

    /** A key as listed: never the secret. No {@code allowedNetworks}: usable from anywhere. */
    public record ApiKey(String id, String name, String keyPrefix, Environment environment, Set<Scope> scopes,
                         List<Cidr> allowedNetworks, Instant createdAt) {

        public boolean admits(InetAddress client) {
            return allowedNetworks.isEmpty()
                    || allowedNetworks.stream().anyMatch(network -> network.contains(client.getAddress()));
        }
    }

    private static final int SECRET_LENGTH = 32;
    private static final int SHOWN_PREFIX_LENGTH = 12;
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private record Found(ApiKey key, long until) {
    }

    private final JdbcClient jdbc;
    /** Keys found by the digest of their secret; only keys that exist, so no bigger than the api_keys table. */
    private final Map<String, Found> recentlyFound = new ConcurrentHashMap<>();
    private final AtomicLong revocations = new AtomicLong();

    public ApiKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates a key and returns it with its secret, which is not kept and cannot be shown again. */
    public CreatedKey create(String name, Set<Scope> scopes, Environment environment, List<Cidr> allowedNetworks) {
        String secret = "cb_" + environment.value() + "_" + Ids.random(SECRET_LENGTH);
        return new CreatedKey(insert(name, scopes, environment, allowedNetworks, secret), secret);
    }

    public record CreatedKey(ApiKey key, String secret) {
    }

    /** Makes {@code secret} a live key with every scope, unless some key already exists. */
    public boolean bootstrap(String secret) {
        if (!secret.startsWith("cb_live_") || secret.length() < 24) {
            throw new IllegalArgumentException(
                    "CERTBRIDGE_BOOTSTRAP_API_KEY must start with cb_live_ and be at least 24 characters long");
        }
        boolean anyKey = jdbc.sql("select exists (select 1 from api_keys)").query(Boolean.class).single();
        if (anyKey) {
            return false;
        }
        try {
            insert("bootstrap", EnumSet.allOf(Scope.class), Environment.LIVE, List.of(), secret);
            return true;
        } catch (DuplicateKeyException anotherInstanceWasFirst) {
            return false;
        }
    }

    private ApiKey insert(String name, Set<Scope> scopes, Environment environment, List<Cidr> allowedNetworks,
                          String secret) {
        ApiKey key = new ApiKey(Ids.newId("key"), name, secret.substring(0, SHOWN_PREFIX_LENGTH), environment,
                scopes, allowedNetworks, Instant.now());
        jdbc.sql("""
                        insert into api_keys (id, name, key_hash, key_prefix, environment, scopes, allowed_networks,
                                              created_at)
                        values (?, ?, ?, ?, ?, ?::text[], ?::text[], ?)""")
                .params(key.id(), name, Sha256.of(secret), key.keyPrefix(), environment.value(),
                        scopes.stream().map(Scope::value).sorted().collect(Collectors.joining(",", "{", "}")),
                        allowedNetworks.stream().map(Cidr::toString).collect(Collectors.joining(",", "{", "}")),
                        Timestamp.from(key.createdAt()))
                .update();
        return key;
    }

    /** The keys of one environment: a sandbox key never sees or touches live keys. */
    public List<ApiKey> list(Environment environment) {
        return jdbc.sql("select * from api_keys where revoked_at is null and environment = ? order by created_at, id")
                .param(environment.value())
                .query((rs, n) -> map(rs)).list();
    }

    public boolean revoke(String id, Environment environment) {
        boolean revoked = jdbc.sql("""
                        update api_keys set revoked_at = now()
                        where id = ? and environment = ? and revoked_at is null""")
                .params(id, environment.value()).update() == 1;
        // counted first, so that a look-up already under way does not keep the key it found
        revocations.incrementAndGet();
        recentlyFound.values().removeIf(found -> found.key().id().equals(id));
        return revoked;
    }

    /**
     * The key whose secret this is, unless it is unknown or revoked. A key found is trusted for {@link #RECHECK}
     * before it is looked up again, so that a request costs no database round trip; revoking a key here forgets
     * it at once, and another instance's revocation takes effect here within that second. The look-up is by the
     * secret's digest, so the time it takes says nothing about how much of a guessed key was right.
     */
    public Optional<ApiKey> authenticate(String secret) {
        byte[] hash = Sha256.of(secret);
        String digest = HexFormat.of().formatHex(hash);
        long now = System.nanoTime();
        Found found = recentlyFound.get(digest);
        if (found != null && now - found.until() < 0) {
            return Optional.of(found.key());
        }
        long revocationsBefore = revocations.get();
        Optional<ApiKey> key = jdbc.sql("select * from api_keys where key_hash = ? and revoked_at is null")
                .param(hash).query((rs, n) -> map(rs)).optional();
        if (key.isPresent() && revocations.get() == revocationsBefore) {
            recentlyFound.put(digest, new Found(key.get(), now + RECHECK.toNanos()));
        } else {
            recentlyFound.remove(digest);
        }
        return key;
    }

    private static ApiKey map(ResultSet rs) throws SQLException {
        return new ApiKey(rs.getString("id"), rs.getString("name"), rs.getString("key_prefix"),
                Environment.of(rs.getString("environment")), scopes(rs.getArray("scopes")),
                Arrays.stream((String[]) rs.getArray("allowed_networks").getArray()).map(Cidr::parse).toList(),
                rs.getTimestamp("created_at").toInstant());
    }

    private static Set<Scope> scopes(Array array) throws SQLException {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        Arrays.stream((String[]) array.getArray()).map(Scope::of).flatMap(Optional::stream).forEach(scopes::add);
        return scopes;
    }
}
