package io.certbridge.vault;

import io.certbridge.shared.Environment;
import io.certbridge.shared.Ids;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The vault_batches table, and each batch's progress as its entries' statuses tell it. */
@Component
class VaultBatches {

    private final JdbcClient jdbc;
    private final VaultRecords records;
    private final Clock clock;

    VaultBatches(JdbcClient jdbc, VaultRecords records, Clock clock) {
        this.jdbc = jdbc;
        this.records = records;
        this.clock = clock;
    }

    /** A new batch's id, stored; its entries follow in the same transaction. */
    String create(Environment environment, String templateId, int total) {
        String id = Ids.newId("vbatch");
        jdbc.sql("insert into vault_batches (id, environment, template_id, total, created_at) values (?, ?, ?, ?, ?)")
                .params(id, environment.value(), templateId, total,
                        Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)))
                .update();
        return id;
    }

    Optional<VaultBatch> find(String id, Environment environment) {
        return jdbc.sql("select * from vault_batches where id = ? and environment = ?")
                .params(id, environment.value())
                .query((rs, row) -> new Stored(rs.getString("template_id"), rs.getInt("total"),
                        rs.getTimestamp("created_at").toInstant()))
                .optional()
                .map(stored -> view(id, environment, stored));
    }

    private record Stored(String templateId, int total, Instant createdAt) {
    }

    private VaultBatch view(String id, Environment environment, Stored stored) {
        Map<String, Integer> counts = records.countsByStatus(id);
        int processing = counts.getOrDefault(VaultEntry.PROCESSING, 0);
        return new VaultBatch(id, "vault_batch", environment == Environment.LIVE,
                processing > 0 ? "processing" : "completed", stored.templateId(), stored.total(),
                new VaultBatch.Counts(processing, counts.getOrDefault(VaultEntry.APPROVED, 0),
                        counts.getOrDefault(VaultEntry.FAILED, 0)),
                stored.createdAt());
    }
}
