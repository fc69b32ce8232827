package io.certbridge.console;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Limits guessing: failed sign-ins are counted per e-mail and per client address over a window, in the database so
 * that every hub instance counts the same. A sign-in that succeeds forgets its e-mail's failures.
 */
@Component
public class SignInThrottle {

    private final JdbcClient jdbc;
    private final ConsoleSettings settings;
    private final Clock clock;

    SignInThrottle(JdbcClient jdbc, ConsoleSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether another attempt for this e-mail from this address may be checked. */
    boolean admits(String email, String address) {
        return failures(user(email)) < settings.signInAttemptsPerUser()
                && failures(address(address)) < settings.signInAttemptsPerAddress();
    }

    void failed(String email, String address) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("insert into console_sign_in_failures (subject, failed_at) values (?, ?), (?, ?)")
                .params(user(email), now, address(address), now)
                .update();
    }

    void succeeded(String email) {
        jdbc.sql("delete from console_sign_in_failures where subject = ?").param(user(email)).update();
    }

    /** Drops failures older than the window; called by the housekeeping route. */
    public int purgeExpired() {
        return jdbc.sql("delete from console_sign_in_failures where failed_at < ?")
                .param(Timestamp.from(windowStart())).update();
    }

    private int failures(String subject) {
        return jdbc.sql("select count(*) from console_sign_in_failures where subject = ? and failed_at >= ?")
                .params(subject, Timestamp.from(windowStart()))
                .query(Integer.class).single();
    }

    private Instant windowStart() {
        return clock.instant().minus(settings.signInWindow());
    }

    private static String user(String email) {
        return "user:" + (email == null ? "" : email.strip().toLowerCase(Locale.ROOT));
    }

    private static String address(String address) {
        return "address:" + address;
    }
}
