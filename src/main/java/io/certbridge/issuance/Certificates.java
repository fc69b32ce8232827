package io.certbridge.issuance;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.anchoring.Anchor;
import io.certbridge.anchoring.AnchoringSettings;
import io.certbridge.shared.Json;
import io.certbridge.credential.IssuerIdentity;
import io.certbridge.backbone.Outbox;
import io.certbridge.shared.Environment;
import io.certbridge.issuance.Certificate.Recipient;
import io.certbridge.template.IssuerCatalog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The certificates table. */
@Component
public class Certificates {

    private static final TypeReference<Map<String, JsonNode>> FIELDS = new TypeReference<>() {
    };
    private static final TypeReference<List<WritebackTarget>> TARGETS = new TypeReference<>() {
    };

    /** A certificate with the window that seals it, if one does. */
    private static final String SELECT = """
            select c.*, w.status as anchor_status, w.chain_id as anchor_chain_id,
                   w.transaction_hash as anchor_transaction_hash, w.block_number as anchor_block_number,
                   w.merkle_root as anchor_merkle_root, w.confirmations as anchor_confirmations
            from certificates c left join anchor_windows w on w.id = c.anchor_window_id
            """;

    private final JdbcClient jdbc;
    private final Json json;
    private final Clock clock;
    private final IssuerCatalog issuers;
    private final String verificationBaseUrl;

    public Certificates(JdbcClient jdbc, Json json, Clock clock, IssuerIdentity issuer, IssuerCatalog issuers) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.issuers = issuers;
        this.verificationBaseUrl = issuer.baseUrl() + "/verify/";
    }

    /** Where the hub's certificates are verified: this followed by a certificate's id. */
    public String verificationBaseUrl() {
        return verificationBaseUrl;
    }

    /**
     * Stores the certificates (with where each is to be written back, which the fan-out reads when it hears of
     * them), and in the same statement the outbox messages that announce them. A
     * certificate whose request key is already taken is skipped with its announcement, so a redelivered
     * request issues and announces nothing twice.
     *
     * @param announcements outbox messages keyed by certificate id
     */
    void insertAll(List<NewCertificate> certificates, List<Outbox.Message> announcements) {
        int n = certificates.size();
        String[] ids = new String[n], envs = new String[n], templates = new String[n], names = new String[n],
                emails = new String[n], fields = new String[n], issued = new String[n], expires = new String[n],
                batches = new String[n], keys = new String[n], credentials = new String[n],
                writebacks = new String[n], statuses = new String[n], issuerNames = new String[n],
                issuerTypes = new String[n], learnerKeys = new String[n], replaced = new String[n];
        Integer[] indexes = new Integer[n];
        Long[] statusIndexes = new Long[n];
        for (int i = 0; i < n; i++) {
            NewCertificate c = certificates.get(i);
            ids[i] = c.id();
            envs[i] = c.environment().value();
            templates[i] = c.templateId();
            names[i] = c.recipient().name();
            emails[i] = c.recipient().email();
            fields[i] = json.write(c.fields());
            issued[i] = c.issuedAt().toString();
            expires[i] = c.expiresAt() == null ? null : c.expiresAt().toString();
            batches[i] = c.batchId();
            indexes[i] = c.batchIndex();
            keys[i] = c.requestKey();
            statusIndexes[i] = c.statusIndex();
            credentials[i] = c.credential();
            writebacks[i] = json.write(c.writebacks());
            statuses[i] = c.status();
            issuerNames[i] = c.issuer() == null ? null : c.issuer().name();
            issuerTypes[i] = c.issuer() == null ? null : c.issuer().type();
            learnerKeys[i] = c.learnerKey();
            replaced[i] = c.replaces();
        }
        jdbc.sql("""
                        with inserted as (
                            insert into certificates (id, environment, template_id, recipient_name, recipient_email,
                                                      fields, status, issued_at, expires_at, updated_at, batch_id,
                                                      batch_index, request_key, status_index, credential,
                                                      writeback_targets, issuer_name, issuer_type, learner_key,
                                                      replaces)
                            select id, env, tmpl, name, email, f::jsonb, st, ia::timestamptz, ea::timestamptz,
                                   ia::timestamptz, batch, idx, rkey, sidx, cred, wb::jsonb, iname, itype, lkey, repl
                            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                        ?::text[], ?::text[], ?::int[], ?::text[], ?::bigint[], ?::text[], ?::text[],
                                        ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                                 as t(id, env, tmpl, name, email, f, ia, ea, batch, idx, rkey, sidx, cred, wb, st, iname,
                                      itype, lkey, repl)
                            -- a request key issued before, or a certificate another renewal replaced first
                            on conflict do nothing
                            returning id)
                        insert into outbox (topic, message_key, payload)
                        select m.topic, m.message_key, m.payload
                        from unnest(?::text[], ?::text[], ?::text[]) with ordinality as m(topic, message_key, payload, n)
                        join inserted on inserted.id = m.message_key
                        order by m.n""")
                .params(ids, envs, templates, names, emails, fields, issued, expires, batches, indexes, keys, statusIndexes,
                        credentials, writebacks, statuses, issuerNames, issuerTypes, learnerKeys, replaced,
                        announcements.stream().map(Outbox.Message::topic).toArray(String[]::new),
                        announcements.stream().map(Outbox.Message::key).toArray(String[]::new),
                        announcements.stream().map(Outbox.Message::payload).toArray(String[]::new))
                .update();
    }

    /**
     * Where the certificates among {@code ids} are written back to, by certificate; those with none are left out, and
     * so are those a renewal replaced: their places show the replacement now, whatever becomes of them.
     */
    public Map<String, WritebackTargets> writebackTargets(Collection<String> ids) {
        Map<String, WritebackTargets> targets = new HashMap<>();
        if (ids.isEmpty()) {
            return targets;
        }
        jdbc.sql("""
                        with recursive renewed (id, ancestor, replaces) as (
                            select id, id, replaces from certificates
                            where id = any(?) and writeback_targets <> '[]'::jsonb and superseded_by is null
                            union all
                            select r.id, c.id, c.replaces from renewed r join certificates c on c.id = r.replaces)
                        select c.id, c.environment, c.writeback_targets, r.ancestor as first
                        from renewed r join certificates c on c.id = r.id
                        where r.replaces is null""")
                .param(ids.toArray(String[]::new))
                .query(rs -> {
                    targets.put(rs.getString("id"), new WritebackTargets(Environment.of(rs.getString("environment")),
                            json.read(rs.getString("writeback_targets"), TARGETS), rs.getString("first")));
                });
        return targets;
    }

    /**
     * A certificate's environment and the places it is written back to, in the order its request named them; and the
     * first certificate of its renewals ({@code first}, itself when it renews none), whose places these are: a
     * renewal's write-backs take over that certificate's deliveries, so that each place has one, which writes the
     * newest certificate.
     */
    public record WritebackTargets(Environment environment, List<WritebackTarget> targets, String first) {
    }

    /** The request keys among {@code keys} that already issued a certificate. */
    Set<String> takenRequestKeys(List<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select request_key from certificates where request_key = any(?)")
                .param(keys.toArray(String[]::new)).query(String.class).list());
    }

    /**
     * A certificate with a credential, in either environment: the public verification page shows
     * sandbox certificates too, marked as such.
     */
    public Optional<Certificate> findVerifiable(String id) {
        return jdbc.sql(SELECT + "where c.id = ? and c.credential is not null").param(id)
                .query(this::map).optional();
    }

    /** The certificates among {@code ids}, in either environment. */
    public List<Certificate> findAll(Collection<String> ids) {
        return jdbc.sql(SELECT + "where c.id = any(?)").param(ids.toArray(String[]::new)).query(this::map).list();
    }

    /** A certificate the public may see: one with a credential, or one an outside service issued. */
    public Optional<Certificate> findPublic(String id) {
        return jdbc.sql(SELECT + "where c.id = ? and (c.credential is not null or c.external_url is not null)")
                .param(id).query(this::map).optional();
    }

    /** Where a certificate an outside service issued is verified: that service's own page. */
    public Optional<String> verifiedElsewhere(String id) {
        return jdbc.sql("select external_url from certificates where id = ? and external_url is not null").param(id)
                .query(String.class).optional();
    }

    public Optional<Certificate> find(String id, Environment environment) {
        return jdbc.sql(SELECT + "where c.id = ? and c.environment = ?")
                .params(id, environment.value())
                .query(this::map).optional();
    }

    /** Certificates issued before credentials existed, oldest first. */
    List<Certificate> withoutCredential(int limit) {
        return jdbc.sql(SELECT + "where c.credential is null and c.issuer_name is null order by c.seq limit ?")
                .param(limit)
                .query(this::map).list();
    }

    /** Gives a certificate its credential, unless another instance did first. */
    void addCredential(String id, long statusIndex, String credential) {
        jdbc.sql("update certificates set credential = ?, status_index = ? where id = ? and credential is null")
                .params(credential, statusIndex, id).update();
    }

    /** Locks the row for a status change. */
    Optional<String> lockStatus(String id, Environment environment) {
        return jdbc.sql("select status from certificates where id = ? and environment = ? for update")
                .params(id, environment.value())
                .query(String.class).optional();
    }

    void setStatus(String id, String status) {
        jdbc.sql("update certificates set status = ?, updated_at = now() where id = ?").params(status, id).update();
    }

    void revoke(String id, String reason) {
        jdbc.sql("""
                        update certificates set status = 'revoked', revoked_at = now(), revocation_reason = ?,
                                                updated_at = now()
                        where id = ?""")
                .params(reason, id).update();
    }

    /**
     * {@code recipientEmail}: that address exactly (any case); {@code recipientText}: a part of the recipient's name
     * or address (any case), as the console searches. Null: any.
     */
    public record Filter(Environment environment, String status, String templateId, String recipientEmail,
                         String recipientText) {
    }

    /** Newest first; {@code startingAfter} is the id of the last certificate of the previous page. */
    public List<Certificate> list(Filter filter, int fetch, String startingAfter) {
        return jdbc.sql(SELECT + """
                        where c.environment = :env
                          and (cast(:template as text) is null or c.template_id = :template)
                          and (cast(:email as text) is null or lower(c.recipient_email) = lower(:email))
                          and (cast(:text as text) is null or strpos(lower(c.recipient_name), lower(:text)) > 0
                               or strpos(lower(c.recipient_email), lower(:text)) > 0)
                          and (cast(:after as text) is null
                               or c.seq < (select seq from certificates where id = :after and environment = :env))
                          and %s
                        order by c.seq desc limit :fetch""".formatted(statusCondition(filter.status())))
                .param("env", filter.environment().value())
                .param("template", filter.templateId())
                .param("email", filter.recipientEmail())
                .param("text", filter.recipientText())
                .param("after", startingAfter)
                .param("now", Timestamp.from(clock.instant()))
                .param("fetch", fetch)
                .query(this::map).list();
    }

    private static String statusCondition(String status) {
        if (status == null) {
            return "true";
        }
        return switch (status) {
            case "issued", "suspended" -> "c.status = '" + status + "' and (c.expires_at is null or c.expires_at > :now)";
            case "expired" -> "c.status not in ('revoked', 'superseded') and c.expires_at <= :now";
            case "revoked", "superseded" -> "c.status = '" + status + "'";
            case "pending", "failed" -> "c.status = '" + status + "'";
            default -> throw new IllegalArgumentException(status);
        };
    }

    private Certificate map(ResultSet rs, int row) throws SQLException {
        Instant expiresAt = instant(rs, "expires_at");
        String id = rs.getString("id");
        Certificate.Issuer issuer = issuer(rs);
        return new Certificate(id, "certificate", "live".equals(rs.getString("environment")),
                Certificate.effectiveStatus(rs.getString("status"), expiresAt, clock.instant()),
                rs.getString("template_id"),
                new Recipient(rs.getString("recipient_name"), rs.getString("recipient_email")),
                json.read(rs.getString("fields"), FIELDS),
                issuer == null ? verificationBaseUrl + id : rs.getString("external_url"), instant(rs, "issued_at"),
                expiresAt, instant(rs, "revoked_at"), rs.getString("revocation_reason"), rs.getString("batch_id"),
                issuer, rs.getString("replaces"), rs.getString("superseded_by"), issuer == null ? anchor(rs) : null,
                rs.getString("credential"));
    }

    private Certificate.Issuer issuer(ResultSet rs) throws SQLException {
        String name = rs.getString("issuer_name");
        if (name == null) {
            return null;
        }
        String type = rs.getString("issuer_type");
        return new Certificate.Issuer(name, type, rs.getString("external_id"), rs.getString("issuer_error"),
                issuers.forwardsStatusChanges(type));
    }

    /** Sandbox certificates are never anchored; a live one is pending until a window seals it. */
    private static Anchor anchor(ResultSet rs) throws SQLException {
        String status = rs.getString("anchor_status");
        if (status == null || status.equals("open")) {
            return "live".equals(rs.getString("environment")) ? Anchor.PENDING : null;
        }
        Long chainId = (Long) rs.getObject("anchor_chain_id");
        Integer confirmations = (Integer) rs.getObject("anchor_confirmations");
        return new Anchor(status, chainId, chainId == null ? null : AnchoringSettings.network(chainId),
                rs.getString("anchor_transaction_hash"), (Long) rs.getObject("anchor_block_number"),
                rs.getString("anchor_merkle_root"), confirmations == null ? null : confirmations.longValue());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

}
