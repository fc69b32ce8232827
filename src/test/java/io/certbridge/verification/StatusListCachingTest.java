package io.certbridge.verification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.StatusListBits;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A status list may be cached for its ttl (one minute by default) and no longer, and a verifier holding one asks again
 * cheaply: If-None-Match with the list's ETag is answered 304 until a bit changes (RFC 9110 §13.1.2).
 */
class StatusListCachingTest extends HubTestBase {

    @Test
    void aListStatesItsTtlAndMayBeCachedForItButNotServedStale() {
        JsonNode entry = issue().at("/credential/credentialStatus");

        ApiClient.Response list = anonymous().get(path(entry));

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().at("/credentialSubject/ttl").asLong()).isEqualTo(60_000);
        assertThat(list.header("Cache-Control")).isEqualTo("max-age=60, must-revalidate, public");
        assertThat(list.header("ETag")).matches("W/\"[A-Za-z0-9_-]{22}\"");
    }

    @Test
    void aVerifierHoldingTheListGets304WithoutABodyForItsEtagInEveryFormIfNoneMatchAllows() {
        String path = path(issue().at("/credential/credentialStatus"));
        ApiClient.Response list = anonymous().get(path);
        String etag = list.header("ETag");
        String opaque = etag.substring(2);

        for (String ifNoneMatch : new String[] {etag, opaque, "*", "\"elsewhere\", " + etag, "W/\"x\",\"y\" ," + opaque}) {
            ApiClient.Response conditional = conditional(path, ifNoneMatch);
            assertThat(conditional.status()).as(ifNoneMatch).isEqualTo(304);
            assertThat(conditional.raw().body()).as(ifNoneMatch).isEmpty();
            assertThat(conditional.header("ETag")).isEqualTo(etag);
            assertThat(conditional.header("Cache-Control")).isEqualTo(list.header("Cache-Control"));
        }
        assertThat(conditional(path, "W/\"elsewhere\"").status()).isEqualTo(200);
    }

    @Test
    void aRevocationChangesTheEtagSoTheNextConditionalRequestGetsTheListWithItsBitSet() {
        JsonNode certificate = issue();
        JsonNode entry = certificate.at("/credential/credentialStatus");
        String before = anonymous().get(path(entry)).header("ETag");

        api().post("/v1/certificates/" + certificate.get("id").asText() + "/revoke", Map.of("reason", "issued in error"));
        ApiClient.Response after = conditional(path(entry), before);

        assertThat(after.status()).isEqualTo(200);
        assertThat(StatusListBits.isSet(after.body().at("/credentialSubject/encodedList").asText(),
                entry.get("statusListIndex").asInt())).isTrue();
        assertThat(after.header("ETag")).isNotEqualTo(before);
        assertThat(conditional(path(entry), after.header("ETag")).status()).isEqualTo(304);
    }

    @Test
    void aListBeyondThePositionsHandedOutIsNotFoundConditionallyOrNot() {
        assertThat(anonymous().get("/status/revocation/1000000").status()).isEqualTo(404);
        assertThat(conditional("/status/revocation/1000000", "*").status()).isEqualTo(404);
    }

    private JsonNode issue() {
        return api().post("/v1/certificates", certificate(courseTemplate(), "ada@example.org")).body();
    }

    private ApiClient.Response conditional(String path, String ifNoneMatch) {
        return anonymous().send("GET", path, null, Map.of("If-None-Match", ifNoneMatch));
    }

    private static String path(JsonNode entry) {
        return entry.get("statusListCredential").asText().replaceFirst("^https?://[^/]+", "");
    }
}
