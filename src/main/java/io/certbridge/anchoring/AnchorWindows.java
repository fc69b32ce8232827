package io.certbridge.anchoring;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The anchor_windows table and the certificates each window seals. */
@Component
public class AnchorWindows {

    /** A window; the root is null while it is open, the chain fields until its transaction is seen in a block. */
    public record Window(String id, String status, int certificateCount, int hashCount, byte[] leaves, String merkleRoot,
                         Long chainId, String transactionHash, Long blockNumber, String blockHash) {

        public List<byte[]> leafList() {
            List<byte[]> list = new ArrayList<>(leaves.length / 32);
            for (int i = 0; i < leaves.length; i += 32) {
                list.add(Arrays.copyOfRange(leaves, i, i + 32));
            }
            return list;
        }
    }

    /** The window that certificates and hashes are joining, before it is sealed; {@code leafCount} of both. */
    record OpenWindow(String id, int leafCount, Instant oldestIssuedAt) {
    }

    /** A live certificate with a credential that no window holds yet. */
    record Waiting(String id, Instant issuedAt, String credential) {
    }

    /** A hash submitted for anchoring that no window holds yet. */
    record WaitingHash(long seq, byte[] hash, Instant submittedAt) {
    }

    /** How a sealed window's root was signed, when it was sealed and confirmed, and how deep its transaction was. */
    record Sealing(String rootSignature, String signingKey, Instant sealedAt, Instant confirmedAt,
                   Long confirmations) {
    }

    public record SealedCertificate(String id, String credential, int leaf) {
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

    Optional<OpenWindow> open() {
        return jdbc.sql("""
                        select id, certificate_count + hash_count as leaf_count, oldest_issued_at
                        from anchor_windows where status = 'open'""")
                .query((rs, row) -> new OpenWindow(rs.getString("id"), rs.getInt("leaf_count"),
                        instant(rs, "oldest_issued_at")))
                .optional();
    }

    /** The certificates waiting for a window, in the order they were stored. */
    List<Waiting> waiting(int limit) {
        return jdbc.sql("""
                        select id, issued_at, credential from certificates
                        where anchor_window_id is null and environment = 'live' and credential is not null
                        order by seq limit ?""")
                .param(limit)
                .query((rs, row) -> new Waiting(rs.getString("id"), instant(rs, "issued_at"),
                        rs.getString("credential")))
                .list();
    }

    /** The hashes waiting for a window, in the order they were submitted. */
    List<WaitingHash> waitingHashes(int limit) {
        return jdbc.sql("""
                        select seq, hash, submitted_at from anchored_hashes
                        where anchor_window_id is null order by seq limit ?""")
                .param(limit)
                .query((rs, row) -> new WaitingHash(rs.getLong("seq"), rs.getBytes("hash"),
                        instant(rs, "submitted_at")))
                .list();
    }

    void insertOpen(String id) {
        jdbc.sql("""
                        insert into anchor_windows (id, status, certificate_count, leaves)
                        values (?, 'open', 0, ''::bytea)""")
                .param(id).update();
    }

    /** Adds certificates to the open window {@code id}, their leaves after the {@code held} it has. */
    void join(String id, int held, List<Waiting> certificates, byte[] leaves) {
        grow(id, "certificate_count", leaves, certificates.stream().map(Waiting::issuedAt));
        jdbc.sql("""
                        update certificates c set anchor_window_id = ?, anchor_leaf = t.leaf
                        from unnest(?::text[], ?::int[]) as t(id, leaf)
                        where c.id = t.id""")
                .params(id, certificates.stream().map(Waiting::id).toArray(String[]::new), positions(held, leaves))
                .update();
    }

    /** Adds hashes to the open window {@code id}, each its own leaf, after the {@code held} it has. */
    void joinHashes(String id, int held, List<WaitingHash> hashes, byte[] leaves) {
        grow(id, "hash_count", leaves, hashes.stream().map(WaitingHash::submittedAt));
        jdbc.sql("""
                        update anchored_hashes h set anchor_window_id = ?, anchor_leaf = t.leaf
                        from unnest(?::bigint[], ?::int[]) as t(seq, leaf)
                        where h.seq = t.seq""")
                .params(id, hashes.stream().map(WaitingHash::seq).toArray(Long[]::new), positions(held, leaves))
                .update();
    }

    /** Appends leaves to the open window and counts them in {@code counter}, its certificates' or its hashes'. */
    private void grow(String id, String counter, byte[] leaves, Stream<Instant> joinedAt) {
        Instant oldest = joinedAt.min(Instant::compareTo).orElseThrow();
        jdbc.sql("""
                        update anchor_windows set leaves = leaves || ?, %1$s = %1$s + ?,
                                                  oldest_issued_at = least(oldest_issued_at, ?)
                        where id = ? and status = 'open'""".formatted(counter))
                .params(leaves, leaves.length / 32, Timestamp.from(oldest), id).update();
    }

    private static Integer[] positions(int held, byte[] leaves) {
        Integer[] positions = new Integer[leaves.length / 32];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = held + i;
        }
        return positions;
    }

    void markSealed(String id, String merkleRoot, String rootSignature, String signingKey, Instant sealedAt) {
        jdbc.sql("""
                        update anchor_windows set status = 'sealed', merkle_root = ?, root_signature = ?,
                                                  signing_key = ?, sealed_at = ?
                        where id = ? and status = 'open'""")
                .params(merkleRoot, rootSignature, signingKey, Timestamp.from(sealedAt), id)
                .update();
    }

    /** Sealed windows not yet confirmed, oldest first. */
    List<Window> unconfirmed(int limit) {
        return jdbc.sql("select * from anchor_windows where status <> 'confirmed' and status <> 'open' order by seq limit ?").param(limit)
                .query(this::map).list();
    }

    public Optional<Window> find(String id) {
        return jdbc.sql("select * from anchor_windows where id = ?").param(id).query(this::map).optional();
    }

    Optional<Sealing> sealing(String id) {
        return jdbc.sql("""
                        select root_signature, signing_key, sealed_at, confirmed_at, confirmations
                        from anchor_windows where id = ? and sealed_at is not null""")
                .param(id)
                .query((rs, row) -> new Sealing(rs.getString("root_signature"), rs.getString("signing_key"),
                        instant(rs, "sealed_at"), instant(rs, "confirmed_at"),
                        rs.getObject("confirmations") == null ? null : rs.getLong("confirmations")))
                .optional();
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

    /** The leaf up to which the window's certificates carry the anchor proof already. */
    int confirmedLeaves(String id) {
        return jdbc.sql("select confirmed_leaves from anchor_windows where id = ? for update").param(id)
                .query(Integer.class).single();
    }

    void recordConfirmedLeaves(String id, int confirmedLeaves) {
        jdbc.sql("update anchor_windows set confirmed_leaves = ? where id = ?").params(confirmedLeaves, id).update();
    }

    /** Up to {@code limit} of the window's certificates with their credentials, in leaf order from {@code from}. */
    List<SealedCertificate> certificates(String windowId, int from, int limit) {
        return jdbc.sql("""
                        select id, credential, anchor_leaf from certificates
                        where anchor_window_id = ? and anchor_leaf >= ? order by anchor_leaf limit ?""")
                .params(windowId, from, limit)
                .query((rs, row) -> new SealedCertificate(rs.getString("id"), rs.getString("credential"),
                        rs.getInt("anchor_leaf"))).list();
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
                rs.getInt("hash_count"),
                rs.getBytes("leaves"), rs.getString("merkle_root"), (Long) rs.getObject("chain_id"),
                rs.getString("transaction_hash"), (Long) rs.getObject("block_number"), rs.getString("block_hash"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
