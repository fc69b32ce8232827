package io.certbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTest;
import io.certbridge.support.HubTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = {"certbridge.api.rate-limit-per-minute=5",
        "certbridge.data-dir=target/test-hub-data-rate-limit"})
class RateLimitTest extends HubTestBase {

    @Test
    void aKeyOverItsLimitIsToldWhenToComeBack() {
        ApiClient client = api().withKey(HubTest.BOOTSTRAP_KEY);
        ApiClient.Response last = null;
        for (int i = 0; i < 5; i++) {
            last = client.get("/v1/templates");
            if (last.status() == 429) {
                break;
            }
            assertThat(last.header("RateLimit-Limit")).isEqualTo("5");
            assertThat(Integer.parseInt(last.header("RateLimit-Remaining"))).isLessThan(5);
        }
        ApiClient.Response limited = client.get("/v1/templates");
        for (int i = 0; i < 5 && limited.status() != 429; i++) {
            limited = client.get("/v1/templates");
        }

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().get("code").asText()).isEqualTo("rate_limited");
        assertThat(limited.header("RateLimit-Remaining")).isEqualTo("0");
        int retryAfter = Integer.parseInt(limited.header("Retry-After"));
        assertThat(retryAfter).isBetween(1, 60);
        assertThat(Integer.parseInt(limited.header("RateLimit-Reset"))).isEqualTo(retryAfter);
    }
}
