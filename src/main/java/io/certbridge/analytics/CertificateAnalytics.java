package io.certbridge.analytics;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** How often one certificate has been looked at, as counted so far (a few seconds behind the events). */
@Component
public class CertificateAnalytics {

    /** A certificate's engagement: {@code shares} are its holder's clicks on "Add to LinkedIn profile". */
    public record Engagement(long views, long shares, long verifications, Instant lastViewedAt,
                             Instant lastVerifiedAt) {
    }

    private final JdbcClient jdbc;

    CertificateAnalytics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Engagement of(String certificateId) {
        return jdbc.sql("""
                        select coalesce(sum(views), 0) as views, coalesce(sum(shares), 0) as shares,
                               coalesce(sum(verifications), 0) as verifications,
                               max(last_viewed_at) as last_viewed_at, max(last_verified_at) as last_verified_at
                        from engagement_counts where certificate_id = ?""")
                .param(certificateId)
                .query((rs, row) -> new Engagement(rs.getLong("views"), rs.getLong("shares"),
                        rs.getLong("verifications"), instant(rs.getTimestamp("last_viewed_at")),
                        instant(rs.getTimestamp("last_verified_at"))))
                .single();
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
