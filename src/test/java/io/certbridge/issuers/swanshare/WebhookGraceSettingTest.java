package io.certbridge.issuers.swanshare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certbridge.issuers.IssuerSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An account's webhook-grace: two minutes unless set, and a negative one refused, naming the setting. */
class WebhookGraceSettingTest {

    private static IssuerSettings account(Duration grace) {
        return new IssuerSettings(Map.of("swanshare", new IssuerSettings.Account("swanshare",
                URI.create("https://www.swanshare.site/api"), "swan_sk_x", null, null, "secret", null, null, null,
                grace)));
    }

    @Test
    void aRetriedCallWaitsTwoMinutesForTheWebhookUnlessTheAccountSaysOtherwise() {
        assertThat(account(null).account("swanshare").orElseThrow().webhookGraceOrDefault())
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(account(Duration.ofSeconds(30)).account("swanshare").orElseThrow().webhookGraceOrDefault())
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aNegativeGraceIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> account(Duration.ofSeconds(-1)))
                .hasMessage("certbridge.issuers.swanshare.webhook-grace must not be negative");
    }
}
