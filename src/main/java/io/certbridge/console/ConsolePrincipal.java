package io.certbridge.console;

import java.io.Serial;
import java.util.Arrays;
import java.util.Collection;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A signed-in console user, as kept in the session (serialized into the shared session store, so it holds no
 * password hash once signed in). The username is the e-mail; the audit log names the {@code id}.
 */
public record ConsolePrincipal(String id, String email, ConsoleRole role, String passwordHash, boolean enabled)
        implements UserDetails {

    @Serial
    private static final long serialVersionUID = 1L;

    static ConsolePrincipal of(ConsoleUsers.ConsoleUser user) {
        return new ConsolePrincipal(user.id(), user.email(), user.role(), user.passwordHash(), user.enabled());
    }

    /** The role's authority and those of the roles below it. */
    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return Arrays.stream(ConsoleRole.values()).filter(role::includes)
                .map(r -> new SimpleGrantedAuthority(r.authority())).toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    /** The same user without the password hash, as kept in the session once signed in. */
    ConsolePrincipal signedIn() {
        return new ConsolePrincipal(id, email, role, null, enabled);
    }

    public boolean may(ConsoleRole needed) {
        return role.includes(needed);
    }

    /** Whether pages offer this user the issuer's actions (revoke, retry…). */
    public boolean mayIssue() {
        return may(ConsoleRole.ISSUER);
    }

    /** Whether pages offer this user the admin's actions (keys, users, webhook endpoints…). */
    public boolean mayAdminister() {
        return may(ConsoleRole.ADMIN);
    }
}
