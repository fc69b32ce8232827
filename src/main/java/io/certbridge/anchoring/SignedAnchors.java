package io.certbridge.anchoring;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The anchor_transactions table: every transaction signed for a window, stored before it is broadcast. */
@Component
public class SignedAnchors {

    public record Stored(String hash, String windowId, long chainId, String sender, BigInteger nonce,
                         BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas, String raw, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    public SignedAnchors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String windowId, long chainId, String sender, AnchorTransactions.SignedAnchor signed) {
        jdbc.sql("""
                        insert into anchor_transactions (hash, window_id, chain_id, sender, nonce, max_fee_per_gas,
                                                         max_priority_fee_per_gas, raw)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(signed.hash(), windowId, chainId, sender, signed.nonce().longValueExact(),
                        new BigDecimal(signed.maxFeePerGas()), new BigDecimal(signed.maxPriorityFeePerGas()),
                        signed.raw())
                .update();
    }

    /** The window's transactions, newest first. */
    List<Stored> ofWindow(String windowId) {
        return jdbc.sql("select * from anchor_transactions where window_id = ? order by created_at desc, nonce desc")
                .param(windowId).query(this::map).list();
    }

    /** The highest nonce the hub has signed with for this sender on this chain. */
    Optional<BigInteger> highestNonce(long chainId, String sender) {
        long highest = jdbc.sql("select coalesce(max(nonce), -1) from anchor_transactions where chain_id = ? and sender = ?")
                .params(chainId, sender).query(Long.class).single();
        return highest < 0 ? Optional.empty() : Optional.of(BigInteger.valueOf(highest));
    }

    /** Every account the hub has signed anchors with on this chain, lower-case. */
    public Set<String> senders(long chainId) {
        return new HashSet<>(jdbc.sql("select distinct lower(sender) from anchor_transactions where chain_id = ?")
                .param(chainId).query(String.class).list());
    }

    private Stored map(ResultSet rs, int row) throws SQLException {
        return new Stored(rs.getString("hash"), rs.getString("window_id"), rs.getLong("chain_id"),
                rs.getString("sender"), BigInteger.valueOf(rs.getLong("nonce")),
                rs.getBigDecimal("max_fee_per_gas").toBigIntegerExact(),
                rs.getBigDecimal("max_priority_fee_per_gas").toBigIntegerExact(), rs.getString("raw"),
                rs.getTimestamp("created_at").toInstant());
    }
}
