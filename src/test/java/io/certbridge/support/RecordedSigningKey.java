package io.certbridge.support;

import io.certbridge.credential.KeyRetirements;
import io.certbridge.credential.SigningKey;
import io.certbridge.credential.SigningKeys;
import io.certbridge.embedded.EmbeddedPostgresServer;
import io.certbridge.shared.HubSettings;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A new live signing key, recorded as one the hub has signed with: what an instance does when it starts with it. */
public final class RecordedSigningKey {

    private RecordedSigningKey() {
    }

    public static SigningKey create(JdbcClient jdbc, ObjectProvider<EmbeddedPostgresServer> embeddedDatabase) {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        HubSettings configured = new HubSettings(Path.of("target/unused-key-dir"), "http://localhost:8080",
                new HubSettings.Issuer("certbridge"), new HubSettings.Credentials(SigningKeys.encodeSecret(seed)),
                new HubSettings.LinkedIn("https://www.linkedin.com/profile/add"), "");
        return new SigningKeys(jdbc, new KeyRetirements(jdbc), configured, embeddedDatabase).active(false);
    }
}
