package io.certbridge.truescreen;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The certifications TrueScreen created for certificates, and their kept artifacts (truescreen_* tables). */
@Component
class Certifications {

    record Row(String certificateId, String account, String mode, String reportId, String status, String error,
               Instant createdAt, Instant completedAt) {
    }

    /** An artifact as kept: its type (data, report, xml, media), media type and size. */
    record Artifact(String type, String mediaType, int size) {
    }

    record Content(String mediaType, byte[] content) {
    }

    private final JdbcClient jdbc;

    Certifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Row> ofCertificate(String certificateId) {
        return jdbc.sql("select * from truescreen_certifications where certificate_id = ?").param(certificateId)
                .query(Certifications::row).optional();
    }

    Optional<Row> ofReport(String reportId) {
        return jdbc.sql("select * from truescreen_certifications where report_id = ?").param(reportId)
                .query(Certifications::row).optional();
    }

    /** TrueScreen created it; false when it was known already. */
    boolean created(String certificateId, String account, String mode, String reportId) {
        return jdbc.sql("""
                        insert into truescreen_certifications (certificate_id, account, mode, report_id, status,
                                                               created_at, checked_at)
                        values (?, ?, ?, ?, 'pending', now(), now()) on conflict do nothing""")
                .params(certificateId, account, mode, reportId).update() == 1;
    }

    @Transactional
    void completed(String reportId, List<TrueScreenApi.Download> downloads, List<String> types) {
        for (int i = 0; i < downloads.size(); i++) {
            TrueScreenApi.Download download = downloads.get(i);
            jdbc.sql("""
                            insert into truescreen_artifacts (report_id, type, media_type, content, fetched_at)
                            values (?, ?, ?, ?, now()) on conflict do nothing""")
                    .params(reportId, types.get(i), download.mediaType(), download.content()).update();
        }
        jdbc.sql("""
                        update truescreen_certifications set status = 'completed', completed_at = now(), checked_at = now()
                        where report_id = ? and status = 'pending'""").param(reportId).update();
    }

    /** Marks it failed; false when it was no longer pending (a callback and a poll both told of it). */
    boolean failed(String reportId, String error) {
        return jdbc.sql("""
                        update truescreen_certifications set status = 'failed', error = ?, checked_at = now()
                        where report_id = ? and status = 'pending'""").params(error, reportId).update() == 1;
    }

    void checked(String reportId) {
        jdbc.sql("update truescreen_certifications set checked_at = now() where report_id = ?").param(reportId)
                .update();
    }

    /** The account's pending certifications nothing was heard of for {@code quiet}, oldest first. */
    List<Row> quiet(String account, Duration quiet, int limit) {
        return jdbc.sql("""
                        select * from truescreen_certifications
                        where account = ? and status = 'pending' and checked_at < ?
                        order by checked_at limit ?""")
                .params(account, Timestamp.from(Instant.now().minus(quiet)), limit)
                .query(Certifications::row).list();
    }

    List<Row> ofCertificateAll(String certificateId) {
        return jdbc.sql("select * from truescreen_certifications where certificate_id = ? order by created_at")
                .param(certificateId).query(Certifications::row).list();
    }

    List<Artifact> artifacts(String reportId) {
        return jdbc.sql("""
                        select type, media_type, length(content) as size from truescreen_artifacts
                        where report_id = ? order by type""").param(reportId)
                .query((rs, n) -> new Artifact(rs.getString("type"), rs.getString("media_type"), rs.getInt("size")))
                .list();
    }

    Optional<Content> artifact(String certificateId, String reportId, String type) {
        return jdbc.sql("""
                        select a.media_type, a.content from truescreen_artifacts a
                        join truescreen_certifications c on c.report_id = a.report_id
                        where c.certificate_id = ? and a.report_id = ? and a.type = ?""")
                .params(certificateId, reportId, type)
                .query((rs, n) -> new Content(rs.getString("media_type"), rs.getBytes("content"))).optional();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        Timestamp completed = rs.getTimestamp("completed_at");
        return new Row(rs.getString("certificate_id"), rs.getString("account"), rs.getString("mode"),
                rs.getString("report_id"), rs.getString("status"), rs.getString("error"),
                rs.getTimestamp("created_at").toInstant(), completed == null ? null : completed.toInstant());
    }
}
