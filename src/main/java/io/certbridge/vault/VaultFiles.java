package io.certbridge.vault;

import io.certbridge.shared.Environment;
import io.certbridge.shared.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import io.certbridge.shared.Sha256;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The vault_files table: the files as uploaded, which the vault's entries refer to. */
@Component
class VaultFiles {

    private static final String COLUMNS = "id, environment, sha256, media_type, size, created_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    VaultFiles(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    VaultFile store(Environment environment, DocumentKind kind, byte[] content) {
        VaultFile file = new VaultFile(Ids.newId("vfile"), "vault_file", environment == Environment.LIVE,
                HexFormat.of().formatHex(Sha256.of(content)), kind.mediaType(), content.length,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        jdbc.sql("""
                        insert into vault_files (id, environment, sha256, media_type, size, content, created_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(file.fileId(), environment.value(), file.sha256(), file.mediaType(), file.size(), content,
                        Timestamp.from(file.createdAt()))
                .update();
        return file;
    }

    /** The files among {@code ids} uploaded in the environment, by id. */
    Map<String, VaultFile> findAll(Collection<String> ids, Environment environment) {
        Map<String, VaultFile> found = new HashMap<>();
        jdbc.sql("select " + COLUMNS + " from vault_files where id = any(?) and environment = ?")
                .params(ids.toArray(String[]::new), environment.value())
                .query(VaultFiles::file).list().forEach(file -> found.put(file.fileId(), file));
        return found;
    }

    Optional<byte[]> content(String id) {
        return jdbc.sql("select content from vault_files where id = ?").param(id).query(byte[].class).optional();
    }

    /** Forgets the files no entry uses that were uploaded longer than {@code retention} ago; returns how many. */
    int deleteUnused(Duration retention) {
        return jdbc.sql("""
                        delete from vault_files f
                        where f.created_at < ? and not exists (select 1 from vault_entries e where e.file_id = f.id)""")
                .param(Timestamp.from(clock.instant().minus(retention))).update();
    }

    static VaultFile file(ResultSet rs, int row) throws SQLException {
        return new VaultFile(rs.getString("id"), "vault_file",
                Environment.LIVE.value().equals(rs.getString("environment")), rs.getString("sha256"),
                rs.getString("media_type"), rs.getLong("size"), rs.getTimestamp("created_at").toInstant());
    }
}
