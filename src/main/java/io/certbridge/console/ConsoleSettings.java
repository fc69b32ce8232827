package io.certbridge.console;

import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * certbridge.console.*. The admin's password carries no constraint: a refused value would be echoed in the start-up
 * report, so {@link FirstAdmin} refuses it without showing it.
 *
 * @param adminEmail               with {@code adminPassword}: the first admin, made when no admin exists
 * @param adminPassword            the first admin's password (CERTBRIDGE_CONSOLE_ADMINPASSWORD); never logged
 * @param secureCookies            whether the session cookie is marked Secure (sent over https only); switch off only
 *                                 to use the console over plain http on loopback, as the tests do
 * @param sessionTimeout           a session unused this long is signed out
 * @param signInAttemptsPerUser    failed sign-ins to one e-mail within {@code signInWindow} before more are refused
 * @param signInAttemptsPerAddress failed sign-ins from one address within {@code signInWindow} before more are refused
 * @param signInWindow             how long a failed sign-in counts
 * @param oidc                     single sign-on with an OpenID Connect provider; off without an issuer
 */
@Validated
@ConfigurationProperties("certbridge.console")
public record ConsoleSettings(String adminEmail, String adminPassword,
                              @DefaultValue("true") boolean secureCookies,
                              @DefaultValue("8h") @DurationMin(minutes = 1) Duration sessionTimeout,
                              @DefaultValue("5") @Positive int signInAttemptsPerUser,
                              @DefaultValue("20") @Positive int signInAttemptsPerAddress,
                              @DefaultValue("15m") @DurationMin(seconds = 1) Duration signInWindow,
                              @DefaultValue Oidc oidc) {

    public ConsoleSettings {
        adminEmail = adminEmail == null ? "" : adminEmail.strip();
        adminPassword = adminPassword == null ? "" : adminPassword;
    }

    /**
     * Single sign-on: a console user whose e-mail the provider vouches for (email_verified) signs in with the role
     * the console gives them; the provider makes no one a user. The client secret, like the admin's password, is
     * never shown.
     *
     * @param issuerUri    the provider's issuer (its /.well-known/openid-configuration is read at start); empty: off
     * @param clientId     the console's client id at the provider
     * @param clientSecret its secret (client_secret_basic)
     * @param label        what the sign-in button calls the provider
     */
    public record Oidc(String issuerUri, String clientId, String clientSecret,
                       @DefaultValue("single sign-on") String label) {

        public Oidc {
            issuerUri = issuerUri == null ? "" : issuerUri.strip();
        }

        public boolean enabled() {
            return !issuerUri.isEmpty();
        }
    }
}
