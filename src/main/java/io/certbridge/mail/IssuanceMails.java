package io.certbridge.mail;

import com.fasterxml.jackson.core.type.TypeReference;
import io.certbridge.api.Environment;
import io.certbridge.api.Ids;
import io.certbridge.config.Json;
import io.certbridge.issuance.BatchController.CreateBatch;
import io.certbridge.issuance.BatchSubmission;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mails the issuance inbox read, each once by its Message-ID. A mail that issues is recorded in the same
 * transaction as its batch, so a mail read again after a crash finds itself recorded and issues nothing.
 */
@Component
class IssuanceMails {

    /** A recipient row of a mail: where it went in the batch (null if it did not), and what was wrong with it. */
    record MailRow(int number, String name, String email, Integer batchIndex, List<String> problems) {
    }

    /** A mail awaiting its reply. */
    record Unanswered(String id, String messageId, String sender, String subject, String status, String detail,
                      String batchId, List<MailRow> rows) {
    }

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

    /** Mails whose reply is due: failed ones at once, issuing ones once their batch is done. */
    List<Unanswered> awaitingReply(int limit) {
        return jdbc.sql("""
                        select m.* from issuance_mails m left join batches b on b.id = m.batch_id
                        where m.replied_at is null and m.status <> 'rejected'
                          and (m.status = 'failed' or b.status <> 'processing')
                        order by m.seq limit ?""")
                .param(limit)
                .query((rs, n) -> new Unanswered(rs.getString("id"), rs.getString("message_id"), rs.getString("sender"),
                        rs.getString("subject"),
                        rs.getString("status"), rs.getString("detail"), rs.getString("batch_id"),
                        json.read(rs.getString("rows"), ROWS)))
                .list();
    }

    void replied(String id) {
        jdbc.sql("update issuance_mails set replied_at = ? where id = ?").params(Timestamp.from(clock.instant()), id)
                .update();
    }
}
