package io.certbridge.webhooks;

import io.certbridge.delivery.DeliveryFilter;
import io.certbridge.delivery.DeliveryQueue;
import io.certbridge.shared.Environment;
import io.certbridge.shared.Ids;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The webhook endpoints of both environments and their signing secrets. A secret is 32 random bytes, shown to the
 * customer once as {@code whsec_<base64>} and kept only sealed by {@link SecretBox}. Deleted endpoints keep their row
 * without secrets and are found by nothing here. The messages of a disabled or deleted endpoint wait, kept: its
 * delivery channel is paused.
 */
@Component
public class WebhookEndpoints {

    public record Endpoint(String id, Environment environment, String url, String description, List<String> events,
                           boolean enabled, String disabledReason, Instant failingSince, Instant createdAt,
                           Instant updatedAt) {
    }

    /** An endpoint with the secret it has just been given, as the customer sees it: shown this once. */
    public record WithSecret(Endpoint endpoint, String secret) {
    }

    /** What a PATCH changes; null leaves a value as it is, and an empty description removes it. */
    public record Changes(String url, List<String> events, String description, Boolean enabled) {
    }

    public static final int MAX_PER_ENVIRONMENT = 20;

    private static final String SECRET_PREFIX = "whsec_";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final SecretBox box;
    private final WebhookSettings settings;
    private final DeliveryQueue deliveries;
    private final Clock clock;

    WebhookEndpoints(JdbcClient jdbc, TransactionTemplate tx, SecretBox box, WebhookSettings settings,
                     DeliveryQueue deliveries, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.box = box;
        this.settings = settings;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /** The endpoint's messages (since a moment, when given): its delivery log. */
    public static DeliveryFilter messages(Environment environment, String endpointId, Instant since) {
        return new DeliveryFilter(environment, Set.of(CustomerWebhookConnector.NAME), null, null, channel(endpointId),
                since);
    }

    /** The delivery channel of the endpoint's messages. */
    static String channel(String endpointId) {
        return "webhook-endpoint/" + endpointId;
    }

    /** A new endpoint, or empty when its environment already has {@link #MAX_PER_ENVIRONMENT}. */
    public Optional<WithSecret> create(Environment environment, String url, List<String> events, String description) {
        return tx.execute(status -> {
            // one creation at a time per environment, on every instance, so that the count holds
            jdbc.sql("select pg_advisory_xact_lock(hashtext(?))")
                    .param("certbridge.webhook-endpoints." + environment.value()).query((rs, n) -> true).single();
            int existing = jdbc.sql("select count(*) from webhook_endpoints where environment = ? and deleted_at is null")
                    .param(environment.value()).query(Integer.class).single();
            if (existing >= MAX_PER_ENVIRONMENT) {
                return Optional.empty();
            }
            String id = Ids.newId("whep");
            byte[] secret = newSecret();
            Instant now = now();
            Endpoint endpoint = jdbc.sql("""
                            insert into webhook_endpoints (id, environment, url, description, events, secret_ciphertext,
                                                           created_at, updated_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?)
                            returning *""")
                    .params(id, environment.value(), url, blankToNull(description), events.toArray(String[]::new),
                            box.seal(secret, id), Timestamp.from(now), Timestamp.from(now))
                    .query(this::map).single();
            return Optional.of(new WithSecret(endpoint, shown(secret)));
        });
    }

    /** The endpoint in any environment, as the delivery side needs it. */
    public Optional<Endpoint> find(String id) {
        return jdbc.sql("select * from webhook_endpoints where id = ? and deleted_at is null").param(id)
                .query(this::map).optional();
    }

    /** The endpoint only if it belongs to {@code environment}: a key never sees the other environment's. */
    public Optional<Endpoint> find(String id, Environment environment) {
        return find(id).filter(endpoint -> endpoint.environment() == environment);
    }

    /** Newest first; {@code startingAfter} is the id of the last endpoint of the previous page. */
    public List<Endpoint> list(Environment environment, int fetch, String startingAfter) {
        return jdbc.sql("""
                        select * from webhook_endpoints
                        where environment = ? and deleted_at is null
                          and (cast(? as text) is null or seq < (select seq from webhook_endpoints where id = ?))
                        order by seq desc limit ?""")
                .params(environment.value(), startingAfter, startingAfter, fetch)
                .query(this::map).list();
    }

    /** The enabled endpoints of {@code environment} that subscribe to {@code eventType}, directly or through *. */
    public List<Endpoint> subscribed(Environment environment, String eventType) {
        return jdbc.sql("""
                        select * from webhook_endpoints
                        where environment = ? and enabled and deleted_at is null
                          and (? = any(events) or '*' = any(events))
                        order by seq""")
                .params(environment.value(), eventType)
                .query(this::map).list();
    }

    /** Enabling a disabled endpoint forgets why it was disabled and since when it failed. */
    public Optional<Endpoint> update(String id, Environment environment, Changes changes) {
        boolean reenabling = Boolean.TRUE.equals(changes.enabled());
        return tx.execute(status -> jdbc.sql("""
                        update webhook_endpoints set
                            url = coalesce(cast(? as text), url),
                            events = coalesce(cast(? as text[]), events),
                            description = case when cast(? as text) is null then description else nullif(?, '') end,
                            disabled_reason = case when ? and not enabled then null else disabled_reason end,
                            failing_since = case when ? and not enabled then null else failing_since end,
                            enabled = coalesce(cast(? as boolean), enabled),
                            updated_at = ?
                        where id = ? and environment = ? and deleted_at is null
                        returning *""")
                .params(changes.url(), changes.events() == null ? null : changes.events().toArray(String[]::new),
                        changes.description(), changes.description(), reenabling, reenabling, changes.enabled(),
                        Timestamp.from(now()), id, environment.value())
                .query(this::map).optional()
                .map(endpoint -> {
                    if (endpoint.enabled()) {
                        deliveries.resume(channel(id));
                    } else {
                        deliveries.pause(channel(id), endpoint.disabledReason() == null ? "disabled"
                                : endpoint.disabledReason());
                    }
                    return endpoint;
                }));
    }

    /**
     * Gives the endpoint a new secret; the current one keeps signing, next to it, for the configured overlap. A
     * previous secret still in its overlap is dropped.
     */
    public Optional<WithSecret> rotateSecret(String id, Environment environment) {
        byte[] secret = newSecret();
        Instant now = now();
        return jdbc.sql("""
                        update webhook_endpoints set
                            previous_secret_ciphertext = secret_ciphertext, previous_secret_until = ?,
                            secret_ciphertext = ?, updated_at = ?
                        where id = ? and environment = ? and deleted_at is null
                        returning *""")
                .params(Timestamp.from(now.plus(settings.secretOverlap())), box.seal(secret, id), Timestamp.from(now),
                        id, environment.value())
                .query(this::map).optional()
                .map(endpoint -> new WithSecret(endpoint, shown(secret)));
    }

    /** Deletes the endpoint and forgets its secrets; nothing is delivered to it any more. */
    public boolean delete(String id, Environment environment) {
        Timestamp now = Timestamp.from(now());
        return Boolean.TRUE.equals(tx.execute(status -> {
            boolean deleted = jdbc.sql("""
                        update webhook_endpoints set
                            deleted_at = ?, updated_at = ?, enabled = false,
                            secret_ciphertext = null, previous_secret_ciphertext = null, previous_secret_until = null
                        where id = ? and environment = ? and deleted_at is null""")
                .params(now, now, id, environment.value()).update() == 1;
            if (deleted) {
                deliveries.pause(channel(id), "deleted");
            }
            return deleted;
        }));
    }

    /**
     * The secrets to sign a message to the endpoint with: the current one, then the previous one while its overlap
     * lasts. A previous secret sealed under an earlier signing key of the hub cannot be opened and is left out; the
     * current one must open. Empty for an unknown or deleted endpoint.
     */
    public List<byte[]> signingSecrets(String endpointId) {
        return jdbc.sql("""
                        select secret_ciphertext, previous_secret_ciphertext, previous_secret_until > ? as overlapping
                        from webhook_endpoints where id = ? and deleted_at is null""")
                .params(Timestamp.from(clock.instant()), endpointId)
                .query((rs, n) -> {
                    List<byte[]> secrets = new ArrayList<>(2);
                    secrets.add(box.open(rs.getString("secret_ciphertext"), endpointId));
                    String previous = rs.getString("previous_secret_ciphertext");
                    if (rs.getBoolean("overlapping") && box.sealedWithThisKey(previous)) {
                        secrets.add(box.open(previous, endpointId));
                    }
                    return secrets;
                })
                .optional().orElse(List.of());
    }

    public void disable(String id, String reason) {
        jdbc.sql("update webhook_endpoints set enabled = false, disabled_reason = ?, updated_at = ? "
                        + "where id = ? and deleted_at is null")
                .params(reason, Timestamp.from(now()), id).update();
        deliveries.pause(channel(id), reason);
    }

    /** Records when the endpoint began to fail; a later failure keeps the first time. */
    public void markFailing(String id, Instant since) {
        jdbc.sql("update webhook_endpoints set failing_since = ? where id = ? and failing_since is null")
                .params(Timestamp.from(since), id).update();
    }

    public void markHealthy(String id) {
        jdbc.sql("update webhook_endpoints set failing_since = null where id = ? and failing_since is not null")
                .param(id).update();
    }

    private static byte[] newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return secret;
    }

    private static String shown(byte[] secret) {
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(secret);
    }

    private static String blankToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Endpoint map(ResultSet rs, int row) throws SQLException {
        Timestamp failingSince = rs.getTimestamp("failing_since");
        return new Endpoint(rs.getString("id"), Environment.of(rs.getString("environment")), rs.getString("url"),
                rs.getString("description"), List.of((String[]) rs.getArray("events").getArray()),
                rs.getBoolean("enabled"), rs.getString("disabled_reason"),
                failingSince == null ? null : failingSince.toInstant(), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
