package io.certbridge.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.emulator.RecordedRequest;
import io.certbridge.emulator.swanshare.SwanShareEmulator;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * connectors/swanshare-issue-sink against the emulated SwanShare: the items are POSTed to the account's base URL
 * with its key, the answer is SwanShare's body as text; a refusal, the plan limit and an outage are thrown with their
 * status and SwanShare's words, and not sent again by the client.
 */
class SwanShareIssueSinkTest extends KameletTestBase {

    private static final String KAMELET = "swanshare-issue-sink";
    private static final String KEY = "swan_sk_kameletTest";
    private static final SwanShareEmulator SWANSHARE = new SwanShareEmulator(KEY).start();
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterAll
    static void stop() {
        SWANSHARE.close();
    }

    private Exchange issue(String body) {
        SWANSHARE.clearRequests();
        return call(KAMELET, Map.of("swanshareBaseUrl", SWANSHARE.apiBaseUrl(), "swanshareApiKey", KEY), body);
    }

    @Test
    void theItemsArePostedWithTheKeyAndSwanSharesAnswerComesBackInOrder() throws Exception {
        Exchange answered = issue("""
                {"items":[{"recipient_name":"Asha Rao","title":"Analytics","fields":{"certbridge_id":"cert_1"}},
                          {"recipient_name":"Vikram Singh","title":"Analytics","fields":{"certbridge_id":"cert_2"}}]}""");

        assertThat(answered.getException()).isNull();
        JsonNode answer = JSON.readTree(answered.getMessage().getBody(String.class));
        assertThat(answer.get("ok").asBoolean()).isTrue();
        assertThat(answer.get("count").asInt()).isEqualTo(2);
        assertThat(answer.get("credentials").findValuesAsText("verify_url")).allMatch(url -> url.contains("/verify?id="));
        RecordedRequest post = SWANSHARE.requests("/api/v1/credentials").getFirst();
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(post.header("Content-Type")).startsWith("application/json");
        assertThat(SWANSHARE.credentials().getLast().fields().get("certbridge_id").asText()).isEqualTo("cert_2");
    }

    @Test
    void aRefusalIsThrownWithSwanSharesWords() {
        Exchange refused = issue("{\"items\":[{\"title\":\"No name\"}]}");

        assertThat(refused.getException()).isInstanceOfSatisfying(HttpOperationFailedException.class, failure -> {
            assertThat(failure.getStatusCode()).isEqualTo(400);
            assertThat(failure.getResponseBody()).contains("Each credential needs recipient_name and title");
        });
    }

    @Test
    void theMonthsPlanLimitIsThrownAs402WithLimitTrue() {
        SWANSHARE.monthlyQuota(0);
        try {
            Exchange refused = issue("{\"recipient_name\":\"Asha Rao\",\"title\":\"Analytics\"}");

            assertThat(refused.getException()).isInstanceOfSatisfying(HttpOperationFailedException.class,
                    failure -> {
                        assertThat(failure.getStatusCode()).isEqualTo(402);
                        assertThat(failure.getResponseBody()).contains("\"limit\":true");
                    });
        } finally {
            SWANSHARE.monthlyQuota(SwanShareEmulator.DEFAULT_MONTHLY_QUOTA);
        }
    }

    @Test
    void anOutageIsThrownWithItsStatusAndNotSentAgain() {
        SWANSHARE.outage(true);
        try {
            Exchange failed = issue("{\"recipient_name\":\"Asha Rao\",\"title\":\"Analytics\"}");

            assertThat(failed.getException()).isInstanceOfSatisfying(HttpOperationFailedException.class,
                    failure -> assertThat(failure.getStatusCode()).isEqualTo(503));
            assertThat(SWANSHARE.requests("/api/v1/credentials")).hasSize(1);
        } finally {
            SWANSHARE.outage(false);
        }
    }
}
