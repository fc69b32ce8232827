package io.certbridge.credential;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Hands out each certificate's position in the status lists. Positions come from the database in
 * blocks, so issuing a certificate costs no extra round trip; a block left unused by a stopping
 * instance leaves a gap, which a status list does not mind.
 */
@Component
public class StatusIndexes {

    static final int BLOCK = 1024;

    private final JdbcClient jdbc;
    private long next;
    private long end;

    public StatusIndexes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public synchronized long next() {
        if (next == end) {
            long block = jdbc.sql("select nextval('status_index_blocks')").query(Long.class).single();
            next = block * BLOCK;
            end = next + BLOCK;
        }
        return next++;
    }
}
