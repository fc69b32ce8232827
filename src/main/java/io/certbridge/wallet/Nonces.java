package io.certbridge.wallet;

import io.certbridge.shared.Ids;
import io.certbridge.shared.Sha256;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The c_nonce values a key proof must carry: handed out by the nonce endpoint, each used once, until it expires. */
@Component
class Nonces {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final WalletSettings settings;

    Nonces(JdbcClient jdbc, Clock clock, WalletSettings settings) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
    }

    String next() {
        String nonce = Ids.random(32);
        jdbc.sql("delete from wallet_nonces where expires_at < ?").param(Timestamp.from(clock.instant())).update();
        jdbc.sql("insert into wallet_nonces (nonce_hash, expires_at) values (?, ?)")
                .params(Sha256.of(nonce), Timestamp.from(clock.instant().plus(settings.nonceTtl()))).update();
        return nonce;
    }

    /** Whether {@code nonce} was handed out, has not expired and was not used before; it cannot be used again. */
    boolean use(String nonce) {
        return jdbc.sql("delete from wallet_nonces where nonce_hash = ? and expires_at >= ?")
                .params(Sha256.of(nonce), Timestamp.from(clock.instant())).update() == 1;
    }
}
