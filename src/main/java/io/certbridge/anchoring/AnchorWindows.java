package io.certbridge.anchoring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The anchor_windows table and the certificates each window seals. */
@Component
public class AnchorWindows {

    /** A sealed window; the chain fields are null until its transaction is seen in a block. */
    public record Window(String id, String status, int certificateCount, byte[] leaves, String merkleRoot,
                         Long chainId, String transactionHash, Long blockNumber, String blockHash) {

        public List<byte[]> leafList() {
            List<byte[]> list = new ArrayList<>(leaves.length / 32);
            for (int i = 0; i < leaves.length; i += 32) {
                list.add(Arrays.copyOfRange(leaves, i, i + 32));
            }
            return list;
        }
    }

    /** The certificates the next window would seal: their number, and when the oldest was issued. */
    public record Unsealed(int count, Instant oldestIssuedAt) {
    }

    public record SealedCertificate(String id, String credential) {
    }

    private final JdbcClient jdbc;

    public AnchorWindows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether this transaction holds the lock named {@code name}, until it ends; another instance may hold it. */
    boolean tryLock(String name) {
        return Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(hashtext(?))").param(name)
                .query(Boolean.class).single());
    }

    Unsealed unsealed(int limit) {
        return jdbc.sql("""
                        select count(*) as n, min(issued_at) as oldest from (
                            select issued_at from certificates
                            where anchor_window_id is null and environment = 'live' and credential is not null
                            order by seq limit ?) as next""")
                .param(limit)
                .query((rs, row) -> new Unsealed(rs.getInt("n"), instant(rs, "oldest"))).single();
    }

    List<SealedCertificate> nextToSeal(int limit) {
        return jdbc.sql("""
                        select id, credential from certificates
                        where anchor_window_id is null and environment = 'live' and credential is not null
                        order by seq limit ?""")
                .param(limit)
                .query((rs, row) -> new SealedCertificate(rs.getString("id"), rs.getString("credential"))).list();
    }

    void insertSealed(String id, List<String> certificateIds, byte[] leaves, String merkleRoot, String rootSignature,
                      String signingKey, Instant sealedAt) {
        jdbc.sql("""
                        insert into anchor_windows (id, status, certificate_count, leaves, merkle_root, root_signature,
                                                    signing_key, sealed_at)
                        values (?, 'sealed', ?, ?, ?, ?, ?, ?)""")
                .params(id, certificateIds.size(), leaves, merkleRoot, rootSignature, signingKey,
                        Timestamp.from(sealedAt))
                .update();
        Integer[] positions = new Integer[certificateIds.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        jdbc.sql("""
                        update certificates c set anchor_window_id = ?, anchor_leaf = t.leaf
                        from unnest(?::text[], ?::int[]) as t(id, leaf)
                        where c.id = t.id""")
                .params(id, certificateIds.toArray(String[]::new), positions)
                .update();
    }

    /** Windows not yet confirmed, oldest first. */
    List<Window> unconfirmed(int limit) {
        return jdbc.sql("select * from anchor_windows where status <> 'confirmed' order by seq limit ?").param(limit)
                .query(this::map).list();
    }

    public Optional<Window> find(String id) {
        return jdbc.sql("select * from anchor_windows where id = ?").param(id).query(this::map).optional();
    }

    void markSubmitted(String id, long chainId, String transactionHash) {
        jdbc.sql("update anchor_windows set status = 'submitted', chain_id = ?, transaction_hash = ? where id = ?")
                .params(chainId, transactionHash, id).update();
    }

    /** The transaction now meant to carry the window's root, until one is seen in a block. */
    void recordTransaction(String id, String transactionHash) {
        jdbc.sql("update anchor_windows set transaction_hash = ? where id = ?").params(transactionHash, id).update();
    }

    /** The window's transaction is in a canonical block, {@code confirmations} deep. */
    void recordInclusion(String id, String transactionHash, long blockNumber, String blockHash, long confirmations) {
        jdbc.sql("""
                        update anchor_windows set transaction_hash = ?, block_number = ?, block_hash = ?, confirmations = ?
                        where id = ?""")
                .params(transactionHash, blockNumber, blockHash, (int) Math.min(confirmations, Integer.MAX_VALUE), id)
                .update();
    }

    /** The block that held the window's transaction is no longer canonical. */
    void recordReorganisation(String id) {
        jdbc.sql("""
                        update anchor_windows set block_number = null, block_hash = null, confirmations = null,
                                                  reorgs = reorgs + 1
                        where id = ?""")
                .param(id).update();
    }

    void markConfirmed(String id, Instant at) {
        jdbc.sql("update anchor_windows set status = 'confirmed', confirmed_at = ? where id = ?")
                .params(Timestamp.from(at), id).update();
    }

    /** The window's certificates with their credentials, in leaf order. */
    List<SealedCertificate> certificates(String windowId) {
        return jdbc.sql("select id, credential from certificates where anchor_window_id = ? order by anchor_leaf")
                .param(windowId)
                .query((rs, row) -> new SealedCertificate(rs.getString("id"), rs.getString("credential"))).list();
    }

    void updateCredentials(List<String> ids, List<String> credentials) {
        jdbc.sql("""
                        update certificates c set credential = t.credential
                        from unnest(?::text[], ?::text[]) as t(id, credential)
                        where c.id = t.id""")
                .params(ids.toArray(String[]::new), credentials.toArray(String[]::new))
                .update();
    }

    private Window map(ResultSet rs, int row) throws SQLException {
        return new Window(rs.getString("id"), rs.getString("status"), rs.getInt("certificate_count"),
                rs.getBytes("leaves"), rs.getString("merkle_root"), (Long) rs.getObject("chain_id"),
                rs.getString("transaction_hash"), (Long) rs.getObject("block_number"), rs.getString("block_hash"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
