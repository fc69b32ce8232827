package io.certbridge.backbone;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what the outbox holds to Kafka, in order. One instance relays at a time (an advisory lock in
 * PostgreSQL); rows are deleted in the same transaction only once Kafka has acknowledged them (acks=all),
 * so a crash in between sends them again, never loses them, and consumers dedupe on the event id.
 */
@Component
public class OutboxRelay {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Producer<String, String> producer;
    private final int chunkSize;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate tx, Producer<String, String> producer,
                       OutboxSettings settings) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.producer = producer;
        this.chunkSize = settings.chunkSize();
    }

    /** Relays until the outbox is empty; returns how many messages were sent. */
    public int relayPending() {
        int total = 0;
        int sent;
        do {
            sent = tx.execute(status -> relayChunk());
            total += sent;
        } while (sent == chunkSize);
        return total;
    }

    /** Kept for an operator to look at; a message Kafka refuses for good must not block the ones behind it. */
    private void setAside(List<Outbox.Message> messages) {
        for (Outbox.Message m : messages) {
            jdbc.sql("insert into outbox_undeliverable (topic, message_key, payload) values (?, ?, ?)")
                    .params(m.topic(), m.key(), m.payload()).update();
        }
    }

    private record Row(long id, Outbox.Message message) {
    }

    private int relayChunk() {
        // one relay at a time across all instances, so that the events of one certificate keep their order
        boolean relaying = jdbc.sql("select pg_try_advisory_xact_lock(hashtext('certbridge.outbox-relay'))")
                .query(Boolean.class).single();
        if (!relaying) {
            return 0;
        }
        List<Outbox.Message> messages = jdbc.sql("""
                        delete from outbox where id in (
                            select id from outbox order by id limit ?)
                        returning id, topic, message_key, payload""")
                .param(chunkSize)
                .query((rs, n) -> new Row(rs.getLong(1), new Outbox.Message(rs.getString(2), rs.getString(3), rs.getString(4))))
                .stream().sorted(Comparator.comparingLong(Row::id)).map(Row::message).toList();
        List<Future<RecordMetadata>> acks = new ArrayList<>(messages.size());
        for (Outbox.Message m : messages) {
            acks.add(producer.send(new ProducerRecord<>(m.topic(), m.key(), m.payload())));
        }
        List<Outbox.Message> undeliverable = new ArrayList<>();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while relaying the outbox", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RetriableException) {
                    throw new IllegalStateException("Kafka did not acknowledge an outbox message: " + e.getCause(), e);
                }
                log.error("Outbox message for {} (key {}, {} bytes) can never be sent and is set aside: {}",
                        messages.get(i).topic(), messages.get(i).key(), messages.get(i).payload().length(),
                        e.getCause().toString());
                undeliverable.add(messages.get(i));
            }
        }
        setAside(undeliverable);
        return messages.size();
    }
}
