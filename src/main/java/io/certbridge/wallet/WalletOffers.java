package io.certbridge.wallet;

import io.certbridge.shared.Sha256;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The offers in PostgreSQL, found by their secrets' hashes; every instance sees each step another one took. */
@Component
class WalletOffers {

    /** An offer as its redemption needs it; {@code holderDid} is the DID its credential was bound to, once claimed. */
    record Offer(String id, String certificateId, String preAuthorizedCode, boolean hasTxCode, byte[] txCodeHash,
                 int txCodeFailures, Instant createdAt, Instant expiresAt, Instant redeemedAt, Instant tokenExpiresAt,
                 Instant claimedAt, String holderDid) {
    }

    private static final String SELECT = "select id, certificate_id, pre_authorized_code, tx_code_hash, tx_code_failures, "
            + "created_at, expires_at, redeemed_at, token_expires_at, claimed_at, holder_did from wallet_offers ";

    private final JdbcClient jdbc;

    WalletOffers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, String certificateId, String madeFor, String preAuthorizedCode, String txCode,
                Instant expiresAt) {
        jdbc.sql("insert into wallet_offers (id, certificate_id, made_for, pre_authorized_code, tx_code_hash, "
                        + "expires_at) values (?, ?, ?, ?, ?, ?)")
                .params(id, certificateId, madeFor, preAuthorizedCode, txCode == null ? null : Sha256.of(txCode),
                        Timestamp.from(expiresAt))
                .update();
    }

    Optional<Offer> find(String id) {
        return jdbc.sql(SELECT + "where id = ?").param(id).query(this::map).optional();
    }

    /** The newest offer made on the verification page since {@code since} that can still be redeemed. */
    Optional<Offer> openPageOffer(String certificateId, Instant since) {
        return jdbc.sql(SELECT + "where certificate_id = ? and made_for = 'page' and created_at >= ? "
                        + "and redeemed_at is null and expires_at > now() order by created_at desc limit 1")
                .params(certificateId, Timestamp.from(since)).query(this::map).optional();
    }

    /** A certificate's offers, newest first. */
    List<Offer> ofCertificate(String certificateId) {
        return jdbc.sql(SELECT + "where certificate_id = ? order by created_at desc, id").param(certificateId)
                .query(this::map).list();
    }

    /** The offer of a pre-authorized code, locked until the transaction ends, so that it is redeemed once. */
    Optional<Offer> lockByCode(String preAuthorizedCode) {
        return jdbc.sql(SELECT + "where pre_authorized_code = ? for update").param(preAuthorizedCode)
                .query(this::map).optional();
    }

    /** The offer an access token was issued for, locked until the transaction ends, so that it is claimed once. */
    Optional<Offer> lockByToken(String accessToken) {
        return jdbc.sql(SELECT + "where token_hash = ? for update").param(Sha256.of(accessToken))
                .query(this::map).optional();
    }

    void countTxCodeFailure(String id) {
        jdbc.sql("update wallet_offers set tx_code_failures = tx_code_failures + 1 where id = ?").param(id).update();
    }

    void redeem(String id, String accessToken, Instant at, Instant tokenExpiresAt) {
        jdbc.sql("update wallet_offers set redeemed_at = ?, token_hash = ?, token_expires_at = ? where id = ?")
                .params(Timestamp.from(at), Sha256.of(accessToken),
                        Timestamp.from(tokenExpiresAt), id)
                .update();
    }

    void claim(String id, String holderDid, Instant at) {
        jdbc.sql("update wallet_offers set claimed_at = ?, holder_did = ? where id = ?")
                .params(Timestamp.from(at), holderDid, id).update();
    }

    private Offer map(ResultSet rs, int row) throws SQLException {
        byte[] txCodeHash = rs.getBytes("tx_code_hash");
        return new Offer(rs.getString("id"), rs.getString("certificate_id"), rs.getString("pre_authorized_code"), txCodeHash != null, txCodeHash,
                rs.getInt("tx_code_failures"), instant(rs, "created_at"), instant(rs, "expires_at"),
                instant(rs, "redeemed_at"), instant(rs, "token_expires_at"), instant(rs, "claimed_at"),
                rs.getString("holder_did"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
