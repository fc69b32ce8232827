package io.certbridge.mail;

import com.fasterxml.jackson.core.type.TypeReference;
import io.certbridge.shared.Environment;
import io.certbridge.shared.Ids;
import io.certbridge.shared.Json;
import io.certbridge.issuance.BatchController.CreateBatch;
import io.certbridge.issuance.BatchSubmission;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mails the issuance inbox read, each once by its Message-ID. A mail that issues is recorded in the same
 * transaction as its batch, so a mail read again after a crash finds itself recorded and issues nothing. Its
 * reply is claimed for one attempt at a time (one instance sends it), tried again after a failure, and given
 * up after the last attempt. The subject is kept without the sender's secret.
 */
@Component
class IssuanceMails {

    /** A recipient row of a mail: where it went in the batch (null if it did not), and what was wrong with it. */
    record MailRow(int number, String name, String email, Integer batchIndex, List<String> problems) {
    }

    /** A mail whose reply is claimed for its attempt {@code attempt} (from 1). */
    record Unanswered(String id, String messageId, String sender, String subject, String status, String detail,
                      String batchId, List<MailRow> rows, int attempt) {
    }

    /** A mail as the API shows it; {@code reply} is null for a rejected mail, which is never answered. */
    record View(String id, String object, String sender, String subject, String status, String detail,
                String batchId, List<MailRow> rows, Reply reply, Instant receivedAt) {
    }

    /** The reply: pending (with its next attempt), sent, or failed (given up); {@code lastError} of the last try. */
    record Reply(String status, int attempts, String lastError, Instant nextAttemptAt, Instant sentAt) {
    }

    record Filter(String status, String replyStatus) {
    }

    /** How long a claimed reply is held before another try may take it, should its sender die. */
    private static final String LEASE = "2 minutes";

    private static final TypeReference<List<MailRow>> ROWS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final Json json;
    private final Clock clock;
    private final BatchSubmission batches;

    IssuanceMails(JdbcClient jdbc, Json json, Clock clock, BatchSubmission batches) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.batches = batches;
    }

    Optional<String> statusOf(String messageId) {
        return jdbc.sql("select status from issuance_mails where message_id = ?").param(messageId)
                .query(String.class).optional();
    }

    /** Records a mail that issues nothing: rejected (never answered) or failed (answered with why). */
    void recordUnissued(String messageId, String sender, String subject, String status, String detail,
                        List<MailRow> rows) {
        insert(messageId, sender, subject, status, detail, null, rows);
    }

    /** Submits the batch and records the mail with it, in one transaction. */
    @Transactional
    void recordIssuing(String messageId, String sender, String subject, Environment environment, CreateBatch batch,
                       List<MailRow> rows) {
        insert(messageId, sender, subject, "issuing", null, batches.submit(environment, batch), rows);
    }

    private void insert(String messageId, String sender, String subject, String status, String detail,
                        String batchId, List<MailRow> rows) {
        jdbc.sql("""
                        insert into issuance_mails (id, message_id, sender, subject, status, detail, batch_id, rows,
                                                    received_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)""")
                .params(Ids.newId("mail"), messageId, sender, subject, status, detail, batchId, json.write(rows),
                        Timestamp.from(clock.instant()))
                .update();
    }

    /** Claims the mails whose reply is due: failed ones at once, issuing ones once their batch is done. */
    List<Unanswered> claimDueReplies(int limit) {
        return jdbc.sql("""
                        with due as (
                            select m.id from issuance_mails m left join batches b on b.id = m.batch_id
                            where m.replied_at is null and m.reply_failed_at is null and m.status <> 'rejected'
                              and m.reply_next_attempt_at <= now()
                              and (m.status = 'failed' or b.status <> 'processing')
                            order by m.reply_next_attempt_at limit ? for update of m skip locked)
                        update issuance_mails m
                        set reply_attempts = m.reply_attempts + 1, reply_next_attempt_at = now() + interval '%s'
                        from due where m.id = due.id
                        returning m.*""".formatted(LEASE))
                .param(limit)
                .query((rs, n) -> new Unanswered(rs.getString("id"), rs.getString("message_id"), rs.getString("sender"),
                        rs.getString("subject"),
                        rs.getString("status"), rs.getString("detail"), rs.getString("batch_id"),
                        json.read(rs.getString("rows"), ROWS), rs.getInt("reply_attempts")))
                .list();
    }

    void replied(String id) {
        jdbc.sql("update issuance_mails set replied_at = ?, reply_error = null where id = ?")
                .params(Timestamp.from(clock.instant()), id).update();
    }

    /** Tries the reply again after {@code wait}, or with no wait gives it up; returns when it is tried next. */
    Optional<Instant> replyFailed(String id, String error, Optional<Duration> wait) {
        Optional<Instant> next = jdbc.sql("""
                        update issuance_mails
                        set reply_error = ?, reply_next_attempt_at = now() + make_interval(secs => ?),
                            reply_failed_at = case when ? then now() end
                        where id = ? and replied_at is null
                        returning reply_next_attempt_at""")
                .params(error, MailSettings.Retry.seconds(wait), wait.isEmpty(), id)
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
        return wait.isPresent() ? next : Optional.empty();
    }

    Optional<View> find(String id) {
        return jdbc.sql("select * from issuance_mails where id = ?").param(id).query(this::view).optional();
    }

    /** Newest first; {@code replyStatus} is pending, sent or failed. */
    List<View> list(Filter filter, int limit, String startingAfter) {
        return jdbc.sql("""
                        select * from issuance_mails
                        where (cast(:status as text) is null or status = :status)
                          and (cast(:reply as text) is null or status <> 'rejected' and :reply = case
                                when replied_at is not null then 'sent'
                                when reply_failed_at is not null then 'failed' else 'pending' end)
                          and (cast(:after as text) is null or seq < (select seq from issuance_mails where id = :after))
                        order by seq desc limit :limit""")
                .param("status", filter.status()).param("reply", filter.replyStatus())
                .param("after", startingAfter).param("limit", limit)
                .query(this::view).list();
    }

    private View view(ResultSet rs, int n) throws SQLException {
        String status = rs.getString("status");
        Timestamp sentAt = rs.getTimestamp("replied_at");
        boolean failed = rs.getTimestamp("reply_failed_at") != null;
        Reply reply = status.equals("rejected") ? null : new Reply(
                sentAt != null ? "sent" : failed ? "failed" : "pending", rs.getInt("reply_attempts"),
                rs.getString("reply_error"),
                sentAt != null || failed ? null : rs.getTimestamp("reply_next_attempt_at").toInstant(),
                sentAt == null ? null : sentAt.toInstant());
        return new View(rs.getString("id"), "issuance_mail", rs.getString("sender"), rs.getString("subject"), status,
                rs.getString("detail"), rs.getString("batch_id"), json.read(rs.getString("rows"), ROWS), reply,
                rs.getTimestamp("received_at").toInstant());
    }
}
