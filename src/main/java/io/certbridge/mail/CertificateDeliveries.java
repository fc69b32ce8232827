package io.certbridge.mail;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The certificates to e-mail to their recipients, and how each went. A delivery is claimed with a lease
 * (sent by one instance at a time, sent again if its sender died), recorded as sent once the SMTP server
 * took it, retried after a failure (certbridge.mail.retry) until the last attempt fails, and marked bounced when a delivery status notification names it.
 */
@Component
class CertificateDeliveries {

    private static final int PER_POLL = 20;

    /** A delivery claimed for sending. */
    record Due(String certificateId, String messageId, int attempts) {
    }

    private final JdbcClient jdbc;

    CertificateDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Due> claimDue() {
        return jdbc.sql("""
                        with due as (
                            select certificate_id from certificate_deliveries
                            where status = 'pending' and next_attempt_at <= now()
                            order by next_attempt_at limit ? for update skip locked)
                        update certificate_deliveries d
                        set attempts = d.attempts + 1, next_attempt_at = now() + interval '2 minutes'
                        from due where d.certificate_id = due.certificate_id
                        returning d.certificate_id, d.message_id, d.attempts""")
                .param(PER_POLL)
                .query((rs, n) -> new Due(rs.getString(1), rs.getString(2), rs.getInt(3))).list();
    }

    void sent(String certificateId) {
        jdbc.sql("update certificate_deliveries set status = 'sent', sent_at = now(), last_error = null "
                + "where certificate_id = ? and status = 'pending'").param(certificateId).update();
    }

    /** Tries again after {@code wait}, or, with nothing to wait for, gives up; returns when it is tried next. */
    Optional<Instant> failed(Due delivery, String error, Optional<Duration> wait) {
        Optional<Instant> next = jdbc.sql("""
                        update certificate_deliveries
                        set status = ?, last_error = ?, next_attempt_at = now() + make_interval(secs => ?)
                        where certificate_id = ? and status = 'pending'
                        returning next_attempt_at""")
                .params(wait.isPresent() ? "pending" : "failed", error, MailSettings.Retry.seconds(wait),
                        delivery.certificateId())
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
        return wait.isPresent() ? next : Optional.empty();
    }

    /** Marks the delivery a bounce names; its certificate, if the Message-ID is one of the hub's deliveries. */
    Optional<String> bounced(String messageId, String detail) {
        return jdbc.sql("""
                        update certificate_deliveries set status = 'bounced', last_error = ?
                        where message_id = ? and status <> 'bounced'
                        returning certificate_id""")
                .params(detail, messageId).query(String.class).optional();
    }
}
