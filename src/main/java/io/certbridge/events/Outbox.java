package io.certbridge.events;

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

    private final JdbcClient jdbc;

    public Outbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void add(List<Message> messages) {
        insert(messages, true);
    }

    /**
     * For messages a crash may lose without harm (a page viewed, a credential verified): committed
     * without waiting for the WAL to reach disk, so that public traffic costs no disk flush.
     */
    public void addUnflushed(List<Message> messages) {
        insert(messages, false);
    }

    private void insert(List<Message> messages, boolean flush) {
        if (messages.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into outbox (topic, message_key, payload)
                        select m.* from unnest(?::text[], ?::text[], ?::text[]) as m,
                                        set_config('synchronous_commit', ?, true)""")
                .params(messages.stream().map(Message::topic).toArray(String[]::new),
                        messages.stream().map(Message::key).toArray(String[]::new),
                        messages.stream().map(Message::payload).toArray(String[]::new),
                        flush ? "on" : "off")
                .update();
    }
}
