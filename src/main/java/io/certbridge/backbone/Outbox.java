package io.certbridge.backbone;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Messages for Kafka, written in the transaction of the change they announce, so that a change is
 * never announced without happening nor happens without being announced. {@link OutboxRelay} sends them.
 */
@Component
public class Outbox {

    public record Message(String topic, String key, String payload) {
    }

    private static final String INSERT = """
            insert into outbox (topic, message_key, payload)
            select m.* from unnest(?::text[], ?::text[], ?::text[]) as m""";
    /** Joined to {@link #INSERT}: commits the transaction without waiting for the WAL flush. */
    private static final String WITHOUT_FLUSH = ", set_config('synchronous_commit', 'off', true)";

    private final JdbcClient jdbc;

    public Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void add(List<Message> messages) {
        insert(messages, true);
    }

    /**
     * For messages a crash may lose without harm (a page viewed, a credential verified): committed
     * without waiting for the WAL to reach disk, so that public traffic costs no disk flush. This turns
     * synchronous_commit off until the end of the transaction, so call it in a transaction of its own.
     */
    public void addUnflushed(List<Message> messages) {
        insert(messages, false);
    }

    private void insert(List<Message> messages, boolean flush) {
        if (messages.isEmpty()) {
            return;
        }
        // a flushed insert leaves synchronous_commit as the server, role or database sets it (on, remote_apply, …)
        jdbc.sql(flush ? INSERT : INSERT + WITHOUT_FLUSH)
                .params(messages.stream().map(Message::topic).toArray(String[]::new),
                        messages.stream().map(Message::key).toArray(String[]::new),
                        messages.stream().map(Message::payload).toArray(String[]::new))
                .update();
    }
}
