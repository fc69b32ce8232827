package io.certbridge.vault;

import io.certbridge.issuance.Certificate.Recipient;
import io.certbridge.issuance.Certificates;
import io.certbridge.shared.Environment;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The vault_entries table. An entry is processed by one instance at a time: claimed with a lease
 * ({@code for update skip locked}), and claimed again by any instance once the lease has run out.
 */
@Component
class VaultRecords {

    private static final String SELECT = """
            select e.*, f.sha256, f.media_type, f.size
            from vault_entries e join vault_files f on f.id = e.file_id
            """;

    /** An entry to store; {@code certificateId} is the id its certificate will have. */
    record NewEntry(String id, Environment environment, String templateId, String fileId, String batchId,
                    Integer batchIndex, Recipient recipient, String title, LocalDate issueDate, String certificateId) {

        Key key() {
            return new Key(recipient.email(), title, issueDate);
        }
    }

    /** What makes two entries the same certificate: the recipient's e-mail in any case, the title and the issue date. */
    record Key(String email, String title, LocalDate issueDate) {
        Key {
            email = email.toLowerCase(Locale.ROOT);
        }
    }

    /** An entry claimed for processing, with what processing needs of its file. */
    record Claimed(String id, Environment environment, String templateId, String fileId, Recipient recipient,
                   String title, LocalDate issueDate, String certificateId, String sha256, DocumentKind kind,
                   long size) {
    }

    record Filter(Environment environment, String status, String batchId, String recipientEmail) {
    }

    private final JdbcClient jdbc;
    private final String verificationBaseUrl;

    VaultRecords(JdbcClient jdbc, Certificates certificates) {
        this.jdbc = jdbc;
        this.verificationBaseUrl = certificates.verificationBaseUrl();
    }

    /** The entries of the environment that already hold these keys: their ids, by key. */
    Map<Key, String> existing(Environment environment, Collection<Key> keys) {
        Map<Key, String> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                        select e.id, e.recipient_email, e.title, e.issue_date
                        from vault_entries e
                        join unnest(?::text[], ?::text[], ?::date[]) as k(email, title, issue_date)
                          on lower(e.recipient_email) = k.email and e.title = k.title and e.issue_date = k.issue_date
                        where e.environment = ?""")
                .params(keys.stream().map(Key::email).toArray(String[]::new),
                        keys.stream().map(Key::title).toArray(String[]::new),
                        keys.stream().map(k -> Date.valueOf(k.issueDate())).toArray(Date[]::new),
                        environment.value())
                .query(rs -> {
                    found.put(new Key(rs.getString("recipient_email"), rs.getString("title"),
                            rs.getDate("issue_date").toLocalDate()), rs.getString("id"));
                });
        return found;
    }

    /** The entries that use these files: their ids, by file id. */
    Map<String, String> usingFiles(Collection<String> fileIds) {
        Map<String, String> found = new HashMap<>();
        jdbc.sql("select id, file_id from vault_entries where file_id = any(?)")
                .param(fileIds.toArray(String[]::new))
                .query(rs -> {
                    found.put(rs.getString("file_id"), rs.getString("id"));
                });
        return found;
    }

    /**
     * Stores the entries, processing from now. Returns the ids of those not stored because an entry with their key or
     * file was stored meanwhile: the caller's transaction must then be undone.
     */
    Set<String> insertAll(List<NewEntry> entries) {
        Set<String> stored = new HashSet<>(jdbc.sql("""
                        insert into vault_entries (id, environment, template_id, file_id, batch_id, batch_index,
                                                   recipient_name, recipient_email, title, issue_date, certificate_id,
                                                   status, created_at, updated_at)
                        select id, env, tmpl, file, batch, idx, name, email, title, day, cert, 'processing', now(), now()
                        from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::int[], ?::text[],
                                    ?::text[], ?::text[], ?::date[], ?::text[])
                             as n(id, env, tmpl, file, batch, idx, name, email, title, day, cert)
                        on conflict do nothing
                        returning id""")
                .params(entries.stream().map(NewEntry::id).toArray(String[]::new),
                        entries.stream().map(e -> e.environment().value()).toArray(String[]::new),
                        entries.stream().map(NewEntry::templateId).toArray(String[]::new),
                        entries.stream().map(NewEntry::fileId).toArray(String[]::new),
                        entries.stream().map(NewEntry::batchId).toArray(String[]::new),
                        entries.stream().map(NewEntry::batchIndex).toArray(Integer[]::new),
                        entries.stream().map(e -> e.recipient().name()).toArray(String[]::new),
                        entries.stream().map(e -> e.recipient().email()).toArray(String[]::new),
                        entries.stream().map(NewEntry::title).toArray(String[]::new),
                        entries.stream().map(e -> Date.valueOf(e.issueDate())).toArray(Date[]::new),
                        entries.stream().map(NewEntry::certificateId).toArray(String[]::new))
                .query(String.class).list());
        Set<String> lost = new HashSet<>();
        entries.stream().map(NewEntry::id).filter(id -> !stored.contains(id)).forEach(lost::add);
        return lost;
    }

    Optional<VaultEntry> find(String id) {
        return jdbc.sql(SELECT + "where e.id = ?").param(id).query(this::entry).optional();
    }

    Optional<VaultEntry> find(String id, Environment environment) {
        return jdbc.sql(SELECT + "where e.id = ? and e.environment = ?").params(id, environment.value())
                .query(this::entry).optional();
    }

    /** The approved entry whose certificate this is. */
    Optional<VaultEntry> ofCertificate(String certificateId) {
        return jdbc.sql(SELECT + "where e.certificate_id = ? and e.status = 'approved'").param(certificateId)
                .query(this::entry).optional();
    }

    /** Newest first; {@code startingAfter} is the id of the last entry of the previous page. */
    List<VaultEntry> list(Filter filter, int fetch, String startingAfter) {
        return jdbc.sql(SELECT + """
                        where e.environment = :env
                          and (cast(:status as text) is null or e.status = :status)
                          and (cast(:batch as text) is null or e.batch_id = :batch)
                          and (cast(:email as text) is null or lower(e.recipient_email) = lower(:email))
                          and (cast(:after as text) is null
                               or e.seq < (select seq from vault_entries where id = :after and environment = :env))
                        order by e.seq desc limit :fetch""")
                .param("env", filter.environment().value())
                .param("status", filter.status())
                .param("batch", filter.batchId())
                .param("email", filter.recipientEmail())
                .param("after", startingAfter)
                .param("fetch", fetch)
                .query(this::entry).list();
    }

    /** How many of a batch's entries have each status. */
    Map<String, Integer> countsByStatus(String batchId) {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.sql("select status, count(*) as n from vault_entries where batch_id = ? group by status").param(batchId)
                .query(rs -> {
                    counts.put(rs.getString("status"), rs.getInt("n"));
                });
        return counts;
    }

    /**
     * Claims up to {@code limit} entries that are processing and held by no one, oldest first, each for
     * {@code lease}, counting the attempt.
     */
    List<Claimed> claim(int limit, Duration lease) {
        return jdbc.sql("""
                        with due as (
                            select id from vault_entries
                            where status = 'processing' and (lease_until is null or lease_until < now())
                            order by seq limit ?
                            for update skip locked)
                        update vault_entries e
                        set lease_until = now() + make_interval(secs => ?), attempts = e.attempts + 1,
                            updated_at = now()
                        from due, vault_files f
                        where e.id = due.id and f.id = e.file_id
                        returning e.*, f.sha256, f.media_type, f.size""")
                .params(limit, lease.toMillis() / 1000.0)
                .query((rs, row) -> new Claimed(rs.getString("id"), Environment.of(rs.getString("environment")),
                        rs.getString("template_id"), rs.getString("file_id"), recipient(rs), rs.getString("title"),
                        rs.getDate("issue_date").toLocalDate(), rs.getString("certificate_id"), rs.getString("sha256"),
                        DocumentKind.of(rs.getString("media_type")).orElseThrow(), rs.getLong("size")))
                .list();
    }

    /**
     * Marks an entry processed, unless it is no longer processing; whether it was. Its certificate and stamped copy
     * are stored in the same transaction.
     */
    boolean approve(String id) {
        return jdbc.sql("""
                        update vault_entries
                        set status = 'approved', failure_reason = null, lease_until = null, approved_at = now(),
                            updated_at = now()
                        where id = ? and status = 'processing'""")
                .param(id).update() == 1;
    }

    /** Marks an entry failed with the reason, unless it is no longer processing; whether it was. */
    boolean fail(String id, String reason) {
        return jdbc.sql("""
                        update vault_entries set status = 'failed', failure_reason = ?, lease_until = null,
                                                 updated_at = now()
                        where id = ? and status = 'processing'""")
                .params(reason, id).update() == 1;
    }

    /**
     * Fails the entries claimed {@code maxAttempts} times whose last claim ran out: the instances that took them died
     * each time (a file that brings the hub down). Returns their ids.
     */
    List<String> failExhausted(int maxAttempts) {
        return jdbc.sql("""
                        update vault_entries
                        set status = 'failed', lease_until = null, updated_at = now(),
                            failure_reason = 'processing did not finish in ' || attempts || ' attempts'
                        where status = 'processing' and attempts >= ? and lease_until < now()
                        returning id""")
                .param(maxAttempts).query(String.class).list();
    }

    /** Processes a failed entry again, from its first attempt; false when it is not failed. */
    boolean retry(String id, Environment environment) {
        return jdbc.sql("""
                        update vault_entries
                        set status = 'processing', failure_reason = null, attempts = 0, lease_until = null,
                            updated_at = now()
                        where id = ? and environment = ? and status = 'failed'""")
                .params(id, environment.value()).update() == 1;
    }

    private VaultEntry entry(ResultSet rs, int row) throws SQLException {
        boolean approved = VaultEntry.APPROVED.equals(rs.getString("status"));
        String certificateId = approved ? rs.getString("certificate_id") : null;
        return new VaultEntry(rs.getString("id"), "vault_entry",
                Environment.LIVE.value().equals(rs.getString("environment")), rs.getString("status"),
                rs.getString("failure_reason"), rs.getString("template_id"), recipient(rs), rs.getString("title"),
                rs.getDate("issue_date").toLocalDate(),
                new VaultEntry.File(rs.getString("file_id"), rs.getString("sha256"), rs.getString("media_type"),
                        rs.getLong("size")),
                rs.getString("batch_id"), certificateId,
                certificateId == null ? null : verificationBaseUrl + certificateId, instant(rs, "created_at"),
                instant(rs, "updated_at"), instant(rs, "approved_at"));
    }

    private static Recipient recipient(ResultSet rs) throws SQLException {
        return new Recipient(rs.getString("recipient_name"), rs.getString("recipient_email"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
