package io.certbridge.issuance;

import io.certbridge.shared.Environment;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Batches and their outcome. Progress is counted from what was stored, so a replayed row cannot count twice. */
@Component
public class Batches {

    record RowError(String batchId, int index, String code, String detail) {
    }

    public record BatchError(int index, String code, String detail) {
    }

    public record Batch(String id, String object, boolean livemode, String status, String templateId, int total,
                        int completed, int failed, List<String> certificateIds, List<BatchError> errors,
                        Instant createdAt, Instant completedAt) {

        /** What an event carries: the outcome without the per-row lists, which may run to 10,000 entries. */
        public Summary summary() {
            return new Summary(id, object, livemode, status, templateId, total, completed, failed, createdAt,
                    completedAt);
        }
    }

    public record Summary(String id, String object, boolean livemode, String status, String templateId, int total,
                          int completed, int failed, Instant createdAt, Instant completedAt) {
    }

    /** A batch's status and, by row index, the certificate issued or the error. */
    public record RowOutcomes(String status, Map<Integer, String> certificateIds, Map<Integer, BatchError> errors) {
    }

    private final JdbcClient jdbc;

    Batches(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void create(String id, Environment environment, String templateId, int total, Instant createdAt) {
        jdbc.sql("""
                        insert into batches (id, environment, template_id, total, status, created_at)
                        values (?, ?, ?, ?, 'processing', ?)""")
                .params(id, environment.value(), templateId, total, Timestamp.from(createdAt))
                .update();
    }

    void recordRecipients(String batchId, List<BatchController.BatchRecipient> recipients, List<Integer> lines) {
        int n = recipients.size();
        String[] names = new String[n], emails = new String[n];
        Integer[] indexes = new Integer[n], lineNumbers = new Integer[n];
        for (int i = 0; i < n; i++) {
            BatchController.BatchRecipient row = recipients.get(i);
            indexes[i] = i;
            names[i] = row == null ? null : row.name();
            emails[i] = row == null ? null : row.email();
            lineNumbers[i] = lines == null ? null : lines.get(i);
        }
        jdbc.sql("""
                        insert into batch_recipients (batch_id, batch_index, name, email, line)
                        select ?, * from unnest(?::int[], ?::text[], ?::text[], ?::int[])""")
                .params(batchId, indexes, names, emails, lineNumbers)
                .update();
    }

    void recordErrors(List<RowError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into batch_errors (batch_id, batch_index, code, detail)
                        select * from unnest(?::text[], ?::int[], ?::text[], ?::text[])
                        on conflict do nothing""")
                .params(errors.stream().map(RowError::batchId).toArray(String[]::new),
                        errors.stream().map(RowError::index).toArray(Integer[]::new),
                        errors.stream().map(RowError::code).toArray(String[]::new),
                        errors.stream().map(RowError::detail).toArray(String[]::new))
                .update();
    }

    /** Marks the batch finished once every row is issued or failed; returns it only the one time that happens. */
    Optional<Batch> completeIfDone(String batchId) {
        int updated = jdbc.sql("""
                        update batches b
                        set status = case when e.failed > 0 then 'completed_with_errors' else 'completed' end,
                            completed_at = now()
                        from (select (select count(*) from certificates where batch_id = :id) as issued,
                                     (select count(*) from batch_errors where batch_id = :id) as failed) e
                        where b.id = :id and b.status = 'processing' and e.issued + e.failed >= b.total""")
                .param("id", batchId)
                .update();
        return updated == 1 ? find(batchId, null) : Optional.empty();
    }

    private record BatchRow(String environment, String status, String templateId, int total, Instant createdAt,
                            Instant completedAt) {
    }

    /** @param environment the caller's environment, or null for any */
    public Optional<RowOutcomes> rowOutcomes(String batchId) {
        return jdbc.sql("select status from batches where id = ?").param(batchId).query(String.class).optional()
                .map(status -> {
                    Map<Integer, String> certificates = new HashMap<>();
                    jdbc.sql("select batch_index, id from certificates where batch_id = ?").param(batchId)
                            .query(rs -> {
                                certificates.put(rs.getInt(1), rs.getString(2));
                            });
                    Map<Integer, BatchError> errors = new HashMap<>();
                    jdbc.sql("select batch_index, code, detail from batch_errors where batch_id = ?").param(batchId)
                            .query(rs -> {
                                errors.put(rs.getInt(1), new BatchError(rs.getInt(1), rs.getString(2), rs.getString(3)));
                            });
                    return new RowOutcomes(status, certificates, errors);
                });
    }

    Optional<Batch> find(String id, Environment environment) {
        String env = environment == null ? null : environment.value();
        return jdbc.sql("select * from batches where id = ? and (cast(? as text) is null or environment = ?)")
                .params(id, env, env)
                .query((rs, n) -> {
                    Timestamp completedAt = rs.getTimestamp("completed_at");
                    return new BatchRow(rs.getString("environment"), rs.getString("status"),
                            rs.getString("template_id"), rs.getInt("total"), rs.getTimestamp("created_at").toInstant(),
                            completedAt == null ? null : completedAt.toInstant());
                })
                .optional()
                .map(row -> {
                    List<String> certificateIds = jdbc.sql(
                                    "select id from certificates where batch_id = ? order by batch_index")
                            .param(id).query(String.class).list();
                    List<BatchError> errors = jdbc.sql("""
                                    select batch_index, code, detail from batch_errors
                                    where batch_id = ? order by batch_index""")
                            .param(id)
                            .query((rs, n) -> new BatchError(rs.getInt(1), rs.getString(2), rs.getString(3))).list();
                    return new Batch(id, "batch", "live".equals(row.environment()), row.status(), row.templateId(),
                            row.total(), certificateIds.size(), errors.size(), certificateIds, errors,
                            row.createdAt(), row.completedAt());
                });
    }
}
