package io.certbridge.console;

import io.certbridge.shared.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** The console_users table. Passwords are kept only as an Argon2id hash. */
@Component
public class ConsoleUsers {

    public record ConsoleUser(String id, String email, String passwordHash, ConsoleRole role, Instant createdAt,
                              Instant disabledAt) {

        public boolean enabled() {
            return disabledAt == null;
        }
    }

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;

    ConsoleUsers(JdbcClient jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    public ConsoleUser create(String email, String password, ConsoleRole role) {
        String id = Ids.newId("usr");
        jdbc.sql("insert into console_users (id, email, password_hash, role) values (?, ?, ?, ?)")
                .params(id, email.strip(), passwords.encode(password), role.value())
                .update();
        return find(id).orElseThrow();
    }

    /** Makes the first admin unless an admin exists; false when one did. */
    boolean createFirstAdmin(String email, String password) {
        return jdbc.sql("""
                        insert into console_users (id, email, password_hash, role)
                        select ?, ?, ?, 'admin' where not exists (select 1 from console_users where role = 'admin')
                        on conflict do nothing""")
                .params(Ids.newId("usr"), email.strip(), passwords.encode(password))
                .update() == 1;
    }

    public Optional<ConsoleUser> find(String id) {
        return jdbc.sql("select * from console_users where id = ?").param(id).query((rs, n) -> map(rs)).optional();
    }

    public Optional<ConsoleUser> findByEmail(String email) {
        return jdbc.sql("select * from console_users where lower(email) = lower(?)").param(email.strip())
                .query((rs, n) -> map(rs)).optional();
    }

    public boolean emailTaken(String email) {
        return findByEmail(email).isPresent();
    }

    public List<ConsoleUser> list() {
        return jdbc.sql("select * from console_users order by lower(email)").query((rs, n) -> map(rs)).list();
    }

    public boolean changeRole(String id, ConsoleRole role) {
        return jdbc.sql("update console_users set role = ? where id = ?").params(role.value(), id).update() == 1;
    }

    public boolean disable(String id) {
        return jdbc.sql("update console_users set disabled_at = now() where id = ? and disabled_at is null")
                .param(id).update() == 1;
    }

    public boolean enable(String id) {
        return jdbc.sql("update console_users set disabled_at = null where id = ? and disabled_at is not null")
                .param(id).update() == 1;
    }

    /** Whether another enabled admin would remain if this user stopped being one. */
    public boolean anotherAdminThan(String id) {
        return jdbc.sql("select exists (select 1 from console_users where role = 'admin' and disabled_at is null "
                        + "and id <> ?)").param(id).query(Boolean.class).single();
    }

    private static ConsoleUser map(ResultSet rs) throws SQLException {
        Timestamp disabled = rs.getTimestamp("disabled_at");
        return new ConsoleUser(rs.getString("id"), rs.getString("email"), rs.getString("password_hash"),
                ConsoleRole.of(rs.getString("role")), rs.getTimestamp("created_at").toInstant(),
                disabled == null ? null : disabled.toInstant());
    }
}
