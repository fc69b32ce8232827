package io.certbridge.emulator.salesforce;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The connected apps and users allowed to log in, and the checks of each OAuth grant against them.
 * A refused login carries the OAuth error Salesforce answers with: {@code invalid_client_id} for an
 * unknown client id, {@code invalid_client} for a wrong secret, {@code invalid_grant} for a user,
 * password or assertion that does not pass (the exact descriptions of JWT failures are inferred).
 */
final class ConnectedApps {

    /** A refused login: the OAuth {@code error} code and its {@code error_description}. */
    static final class Refused extends Exception {
        final String error;

        Refused(String error, String description) {
            super(description, null, false, false);
            this.error = error;
        }
    }

    private static final class App {
        String secret;
        boolean clientCredentials;
        final Map<String, String> passwords = new HashMap<>();
        final Map<String, X509Certificate> certificates = new HashMap<>();
    }

    private final SalesforceIds ids;
    private final Map<String, App> apps = new HashMap<>();
    private final Map<String, String> userIds = new HashMap<>();

    ConnectedApps(SalesforceIds ids) {
        this.ids = ids;
    }

    synchronized void allowClientCredentials(String clientId, String clientSecret) {
        App app = app(clientId);
        app.secret = clientSecret;
        app.clientCredentials = true;
    }

    synchronized void allowPassword(String clientId, String clientSecret, String username, String password) {
        App app = app(clientId);
        app.secret = clientSecret;
        app.passwords.put(username, password);
    }

    synchronized void allowJwtBearer(String clientId, String username, X509Certificate certificate) {
        app(clientId).certificates.put(username, Objects.requireNonNull(certificate, "certificate"));
    }

    /** The {@code client_credentials} grant; returns the id of the app's run-as user. */
    synchronized String clientCredentials(String clientId, String clientSecret) throws Refused {
        App app = withSecret(clientId, clientSecret);
        if (!app.clientCredentials) {
            throw new Refused("invalid_grant", "no client credentials user enabled");
        }
        return userId("runas." + clientId);
    }

    /** The {@code password} grant; returns the user's id. */
    synchronized String password(String clientId, String clientSecret, String username, String password) throws Refused {
        App app = withSecret(clientId, clientSecret);
        if (username == null || password == null || !password.equals(app.passwords.get(username))) {
            throw new Refused("invalid_grant", "authentication failure");
        }
        return userId(username);
    }

    /** The JWT bearer grant; returns the user's id. {@code audiences} are the {@code aud} values this server answers to. */
    synchronized String jwtBearer(String assertionText, Set<String> audiences) throws Refused {
        JwtBearerAssertion assertion;
        try {
            assertion = JwtBearerAssertion.parse(assertionText);
        } catch (IllegalArgumentException e) {
            throw new Refused("invalid_grant", "invalid assertion");
        }
        App app = apps.get(assertion.issuer());
        if (app == null) {
            throw new Refused("invalid_client_id", "client identifier invalid");
        }
        X509Certificate certificate = app.certificates.get(assertion.subject());
        if (certificate == null) {
            throw new Refused("invalid_grant", "user hasn't approved this consumer");
        }
        if (!assertion.isRs256() || !assertion.isSignedBy(certificate.getPublicKey())) {
            throw new Refused("invalid_grant", "invalid assertion");
        }
        if (!audiences.contains(assertion.audience())) {
            throw new Refused("invalid_grant", "audience is invalid");
        }
        if (assertion.expiresAt() < Instant.now().getEpochSecond()) {
            throw new Refused("invalid_grant", "expired assertion");
        }
        return userId(assertion.subject());
    }

    private App app(String clientId) {
        return apps.computeIfAbsent(Objects.requireNonNull(clientId, "clientId"), id -> new App());
    }

    private App withSecret(String clientId, String clientSecret) throws Refused {
        App app = clientId == null ? null : apps.get(clientId);
        if (app == null) {
            throw new Refused("invalid_client_id", "client identifier invalid");
        }
        if (app.secret == null || !app.secret.equals(clientSecret)) {
            throw new Refused("invalid_client", "invalid client credentials");
        }
        return app;
    }

    /** A user's 18-character id, the same for every login of that user. */
    private String userId(String username) {
        return userIds.computeIfAbsent(username, name -> ids.newId("005"));
    }
}
