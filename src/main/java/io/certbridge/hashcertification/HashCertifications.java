package io.certbridge.hashcertification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The hash_certifications table: one row per report, its files as JSON, its documents once completed. */
@Component
class HashCertifications {

    /** A report; {@code files} is the JSON array of {file_name, hash} as certified. */
    record Report(String id, String apiKeyId, String title, String metadata, String webhookUrl, boolean pdfReport,
                  int fileCount, String files, String status, Instant createdAt, Instant completedAt) {

        boolean completed() {
            return "completed".equals(status);
        }

        /** This report as {@link #complete} leaves it. */
        Report completedAt(Instant at) {
            return new Report(id, apiKeyId, title, metadata, webhookUrl, pdfReport, fileCount, files, "completed",
                    createdAt, at);
        }
    }

    private final JdbcClient jdbc;

    HashCertifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Report report) {
        jdbc.sql("""
                        insert into hash_certifications (id, api_key_id, title, metadata, webhook_url, pdf_report,
                                                         file_count, files, status, created_at)
                        values (?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb, 'pending', ?)""")
                .params(report.id(), report.apiKeyId(), report.title(), report.metadata(), report.webhookUrl(),
                        report.pdfReport(), report.fileCount(), report.files(), Timestamp.from(report.createdAt()))
                .update();
    }

    Optional<Report> find(String id) {
        return jdbc.sql("""
                        select id, api_key_id, title, metadata, webhook_url, pdf_report, file_count, files, status,
                               created_at, completed_at
                        from hash_certifications where id = ?""")
                .param(id).query(this::map).optional();
    }

    /** The name the client gave the report's file at {@code position}. */
    String fileName(Report report, int position) {
        return jdbc.sql("select files -> ? ->> 'file_name' from hash_certifications where id = ?")
                .params(position, report.id()).query(String.class).single();
    }

    /** Up to {@code limit} pending reports, oldest first, locked against another instance completing them. */
    List<Report> lockPending(int limit) {
        return jdbc.sql("""
                        select id, api_key_id, title, metadata, webhook_url, pdf_report, file_count, files, status,
                               created_at, completed_at
                        from hash_certifications where status = 'pending' order by seq limit ?
                        for update skip locked""")
                .param(limit).query(this::map).list();
    }

    void complete(String id, byte[] dataDocument, Instant at) {
        jdbc.sql("""
                        update hash_certifications set status = 'completed', data_document = ?, completed_at = ?
                        where id = ? and status = 'pending'""")
                .params(dataDocument, Timestamp.from(at), id).update();
    }

    /** The PDF report, made on first request; the first kept wins when two instances made it at once. */
    void keepReport(String id, byte[] report) {
        jdbc.sql("update hash_certifications set report = ? where id = ? and report is null").params(report, id)
                .update();
    }

    /** The completed report's document of {@code type} (data or report), when it has one. */
    Optional<byte[]> document(String id, String type) {
        String column = switch (type) {
            case "data" -> "data_document";
            case "report" -> "report";
            default -> null;
        };
        if (column == null) {
            return Optional.empty();
        }
        return jdbc.sql("select " + column + " from hash_certifications where id = ? and status = 'completed'")
                .param(id).query((rs, row) -> Optional.ofNullable(rs.getBytes(1))).optional().flatMap(document -> document);
    }

    private Report map(ResultSet rs, int row) throws SQLException {
        Timestamp completed = rs.getTimestamp("completed_at");
        return new Report(rs.getString("id"), rs.getString("api_key_id"), rs.getString("title"),
                rs.getString("metadata"), rs.getString("webhook_url"), rs.getBoolean("pdf_report"),
                rs.getInt("file_count"), rs.getString("files"), rs.getString("status"),
                rs.getTimestamp("created_at").toInstant(), completed == null ? null : completed.toInstant());
    }
}
