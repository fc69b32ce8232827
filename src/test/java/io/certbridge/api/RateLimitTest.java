package io.certbridge.api;

import io.certbridge.shared.Environment;
import static org.assertj.core.api.Assertions.assertThat;

import io.certbridge.api.keys.ApiKeys;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTest;
import io.certbridge.support.HubTestBase;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * On a hub of its own (a limit of 5 a minute would stop the shared one), stopped after its tests: left running it
 * would go on hearing the shared Salesforce org's channels with a database of its own, and retain every TrustedForm
 * certificate of later tests a second time.
 */
@TestPropertySource(properties = {"certbridge.api.rate-limit-per-minute=5",
        "certbridge.data-dir=target/test-hub-data-rate-limit"})
@DirtiesContext
class RateLimitTest extends HubTestBase {

    @Autowired
    ApiKeys keys;

    @Autowired
    JdbcClient jdbc;

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

    @Test
    void requestsMadeOnAnotherInstanceCountHereOnceTheCountsAreShared() throws InterruptedException {
        // a key of its own, made without a request, so that this test has all of its limit
        ApiKeys.CreatedKey created = keys.create("shared limit", EnumSet.of(Scope.TEMPLATES_READ), Environment.LIVE,
                List.of());
        ApiClient client = api().withKey(created.secret());
        Instant window = aWholeWindowAhead();
        // three requests another instance of the hub admitted in this window, and shared
        jdbc.sql("insert into rate_limit_windows (api_key_id, window_start, request_count) values (?, ?, 3)")
                .params(created.key().id(), Timestamp.from(window)).update();

        ApiClient.Response first = client.get("/v1/templates");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("RateLimit-Remaining")).isEqualTo("4");
        awaitShared(created.key().id(), window, 4);

        ApiClient.Response last = client.get("/v1/templates");
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.header("RateLimit-Remaining")).isEqualTo("0");
        ApiClient.Response limited = client.get("/v1/templates");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().get("code").asText()).isEqualTo("rate_limited");
    }

    /** The current one-minute window, once at least 20 s of it are left. */
    private static Instant aWholeWindowAhead() throws InterruptedException {
        Instant now = Instant.now();
        Instant window = now.truncatedTo(ChronoUnit.MINUTES);
        if (now.isAfter(window.plusSeconds(40))) {
            Thread.sleep(window.plusSeconds(61).toEpochMilli() - now.toEpochMilli());
            return Instant.now().truncatedTo(ChronoUnit.MINUTES);
        }
        return window;
    }

    private void awaitShared(String keyId, Instant window, int requests) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Integer shared = jdbc.sql(
                            "select request_count from rate_limit_windows where api_key_id = ? and window_start = ?")
                    .params(keyId, Timestamp.from(window)).query(Integer.class).optional().orElse(0);
            if (shared == requests) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("this instance's request was never shared");
    }
}
