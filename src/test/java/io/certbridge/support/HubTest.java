package io.certbridge.support;

import io.certbridge.CertbridgeApplication;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The hub as it runs by default: embedded PostgreSQL and Kafka under a data directory of its own,
 * on a random port. Test classes with this annotation share one running hub.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@AutoConfigureObservability
@SpringBootTest(classes = CertbridgeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "certbridge.data-dir=target/test-hub-data",
                "certbridge.bootstrap-api-key=" + HubTest.BOOTSTRAP_KEY,
                "certbridge.outbox.poll-interval-ms=20",
                "certbridge.console.admin-email=" + HubTest.CONSOLE_ADMIN,
                "certbridge.console.admin-password=" + HubTest.CONSOLE_ADMIN_PASSWORD,
                "certbridge.wallet.offer-in-email=true",
                "certbridge.wallet.offer-on-page=true"
        })
public @interface HubTest {
    String BOOTSTRAP_KEY = "cb_live_bootstrapTestKey0000000000000001";
    /** The console's first admin, made from configuration like the bootstrap key. */
    String CONSOLE_ADMIN = "admin@certbridge.test";
    String CONSOLE_ADMIN_PASSWORD = "correct horse battery staple";
}
