package io.certbridge.analytics;

import io.certbridge.shared.Environment;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Certificates issued, viewed, shared and verified per day, week or month (UTC, weeks from Monday) between two days,
 * both included, of one environment and optionally one template. Issued counts come from the certificates
 * themselves (those an outside issuer has not issued yet, or refused, are not counted); the others from the
 * engagement counts. A week or month that starts before {@code from} is counted from {@code from} only.
 */
@Component
public class EngagementTimeline {

    public record Interval(LocalDate start, long issued, long viewed, long shared, long verified) {
    }

    private static final String QUERY = """
            with buckets as (
                select b::date as start
                from generate_series(date_trunc(:unit, cast(:from as date)::timestamp), cast(:to as date)::timestamp,
                                     cast('1 ' || :unit as interval)) as b
            ), issued as (
                select date_trunc(:unit, issued_at at time zone 'UTC')::date as start, count(*) as issued
                from certificates
                where environment = :environment and (cast(:template as text) is null or template_id = :template)
                  and status not in ('pending', 'failed')
                  and issued_at >= cast(:from as date)::timestamp at time zone 'UTC'
                  and issued_at < (cast(:to as date) + 1)::timestamp at time zone 'UTC'
                group by 1
            ), engaged as (
                select date_trunc(:unit, day::timestamp)::date as start, sum(views) as viewed, sum(shares) as shared,
                       sum(verifications) as verified
                from engagement_counts
                where environment = :environment and (cast(:template as text) is null or template_id = :template)
                  and day between cast(:from as date) and cast(:to as date)
                group by 1
            )
            select b.start, coalesce(i.issued, 0) as issued, coalesce(e.viewed, 0) as viewed,
                   coalesce(e.shared, 0) as shared, coalesce(e.verified, 0) as verified
            from buckets b left join issued i using (start) left join engaged e using (start)
            order by b.start""";

    private final JdbcClient jdbc;

    EngagementTimeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code unit} is day, week or month. */
    public List<Interval> between(Environment environment, LocalDate from, LocalDate to, String templateId, String unit) {
        return jdbc.sql(QUERY)
                .param("unit", unit)
                .param("from", from)
                .param("to", to)
                .param("environment", environment.value())
                .param("template", templateId)
                .query((rs, row) -> new Interval(rs.getObject("start", LocalDate.class), rs.getLong("issued"),
                        rs.getLong("viewed"), rs.getLong("shared"), rs.getLong("verified")))
                .list();
    }
}
