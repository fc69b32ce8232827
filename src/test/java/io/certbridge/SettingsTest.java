package io.certbridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.anchoring.AnchoringSettings;
import io.certbridge.api.ApiSettings;
import io.certbridge.audit.AuditSettings;
import io.certbridge.backbone.KafkaSettings;
import io.certbridge.backbone.OutboxSettings;
import io.certbridge.credential.StatusListSettings;
import io.certbridge.intake.IntakeSettings;
import io.certbridge.mail.MailSettings;
import io.certbridge.salesforce.SalesforceSettings;
import io.certbridge.shared.HubSettings;
import io.certbridge.vault.VaultSettings;
import io.certbridge.wallet.WalletSettings;
import io.certbridge.webhooks.WebhookSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.ConfigDataApplicationContextInitializer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.validation.FieldError;

/**
 * The settings records bound from application.yaml as the hub binds them: its defaults are valid, and a wrong
 * value stops the start with a validation error on that very property (what the start-up report names).
 */
class SettingsTest {

    @EnableConfigurationProperties({HubSettings.class, ApiSettings.class, OutboxSettings.class, KafkaSettings.class,
            IntakeSettings.class, AnchoringSettings.class, SalesforceSettings.class, WebhookSettings.class,
            MailSettings.class, VaultSettings.class, AuditSettings.class, WalletSettings.class,
            StatusListSettings.class})
    static class Records {
    }

    private final ApplicationContextRunner hub = new ApplicationContextRunner()
            .withInitializer(new ConfigDataApplicationContextInitializer())
            .withUserConfiguration(Records.class);

    @Test
    void theDefaultsOfApplicationYamlAreValid() {
        hub.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ApiSettings.class).rateLimitShareIntervalMs()).isEqualTo(250);
            assertThat(context.getBean(ApiSettings.class).trustedProxies()).isEmpty();
            assertThat(context.getBean(AuditSettings.class).retention()).isEqualTo(Duration.ofDays(365));
            assertThat(context.getBean(HubSettings.class).publicBaseUrl()).isEqualTo("http://localhost:8080");
            assertThat(context.getBean(KafkaSettings.class).intakePollTimeoutMs()).isEqualTo(100);
            assertThat(context.getBean(AnchoringSettings.class).sealIntervalMs()).isEqualTo(250);
            assertThat(context.getBean(SalesforceSettings.class).apiVersion()).isEqualTo("62.0");
            assertThat(context.getBean(VaultSettings.class).maxFileBytes()).isEqualTo(20 * 1024 * 1024);
            assertThat(context.getBean(WalletSettings.class).offerTtl()).isEqualTo(Duration.ofDays(7));
            assertThat(context.getBean(WalletSettings.class).txCodeLength()).isEqualTo(6);
            assertThat(context.getBean(StatusListSettings.class).ttl()).isEqualTo(Duration.ofMinutes(1));
            assertThat(context.getBean(StatusListSettings.class).suspensionEntry()).isFalse();
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "certbridge.public-base-url=certificates.example.edu | certbridge.public-base-url",
            "certbridge.public-base-url=https://hub.example.edu/?a=b | certbridge.public-base-url",
            "certbridge.issuer.name= | certbridge.issuer.name",
            "certbridge.linkedin.add-to-profile-url=linkedin | certbridge.linkedin.add-to-profile-url",
            "certbridge.api.rate-limit-per-minute=-5 | certbridge.api.rate-limit-per-minute",
            "certbridge.api.max-body-bytes=0 | certbridge.api.max-body-bytes",
            "certbridge.api.idempotency-retention=0s | certbridge.api.idempotency-retention",
            "certbridge.api.rate-limit-share-interval-ms=0 | certbridge.api.rate-limit-share-interval-ms",
            "certbridge.outbox.chunk-size=0 | certbridge.outbox.chunk-size",
            "certbridge.kafka.partitions=0 | certbridge.kafka.partitions",
            "certbridge.wallet.offer-ttl=0s | certbridge.wallet.offer-ttl",
            "certbridge.wallet.tx-code-length=3 | certbridge.wallet.tx-code-length",
            "certbridge.status-lists.ttl=0s | certbridge.status-lists.ttl",
            "certbridge.kafka.topics.intake-events= | certbridge.kafka.topics.intake-events",
            "certbridge.kafka.intake-max-poll-records=-1 | certbridge.kafka.intake-max-poll-records",
            "certbridge.intake.retention=0s | certbridge.intake.retention",
            "certbridge.intake.purge-interval-ms=0 | certbridge.intake.purge-interval-ms",
            "certbridge.anchoring.window-size=0 | certbridge.anchoring.window-size",
            "certbridge.anchoring.confirmations=0 | certbridge.anchoring.confirmations",
            "certbridge.anchoring.seal-interval-ms=0 | certbridge.anchoring.seal-interval-ms",
            "certbridge.salesforce.login-url=login.salesforce.com | certbridge.salesforce.login-url",
            "certbridge.salesforce.composite-size=26 | certbridge.salesforce.composite-size",
            "certbridge.salesforce.api-version=v62 | certbridge.salesforce.api-version",
            "certbridge.salesforce.channels[0].learner-id=$.Id | certbridge.salesforce.channels[0].name",
            "certbridge.webhooks.timeout=0s | certbridge.webhooks.timeout",
            "certbridge.webhooks.max-response-body-bytes=0 | certbridge.webhooks.max-response-body-bytes",
            "certbridge.webhooks.disable-after=0s | certbridge.webhooks.disable-after",
            "certbridge.mail.max-recipients=0 | certbridge.mail.max-recipients",
            "certbridge.mail.inbox.poll-interval-ms=0 | certbridge.mail.inbox.poll-interval-ms",
            "certbridge.mail.retry.max-attempts=0 | certbridge.mail.retry.max-attempts",
            "certbridge.mail.senders[0].dkim=true | certbridge.mail.senders[0].address",
            "certbridge.api.max-document-body-bytes=0 | certbridge.api.max-document-body-bytes",
            "certbridge.vault.workers=0 | certbridge.vault.workers",
            "certbridge.vault.lease=0s | certbridge.vault.lease"})
    void aWrongValueStopsTheStartNamingTheProperty(String setting, String property) {
        hub.withPropertyValues(setting).run(context -> {
            assertThat(context).hasFailed();
            assertThat(rejectedProperties(context.getStartupFailure()))
                    .containsExactly(ConfigurationPropertyName.of(property));
        });
    }

    /** In relaxed form, as the binder matches them: rate-limit-per-minute is rateLimitPerMinute. */
    private static List<ConfigurationPropertyName> rejectedProperties(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindValidationException invalid) {
                return invalid.getValidationErrors().getAllErrors().stream()
                        .map(error -> ConfigurationPropertyName.adapt(
                                error.getObjectName() + "." + ((FieldError) error).getField(), '.'))
                        .toList();
            }
        }
        throw new AssertionError("not a validation failure", failure);
    }
}
