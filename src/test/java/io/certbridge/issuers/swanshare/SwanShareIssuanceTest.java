package io.certbridge.issuers.swanshare;

import static io.certbridge.issuers.swanshare.SwanShareTemplates.assertIssuedExactlyOnce;
import static io.certbridge.issuers.swanshare.SwanShareTemplates.batch;
import static io.certbridge.issuers.swanshare.SwanShareTemplates.certificates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.emulator.RecordedRequest;
import io.certbridge.emulator.swanshare.SwanShareEmulator;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.SwanShareAccount;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Certificates issued through the emulated SwanShare from the hub's API: full batches of {@code items}, each
 * certificate with SwanShare's verify_url and verified by SwanShare; and what a real account meets (an outage, a
 * failed request, an answer lost to a timeout, the month's plan limit, forged webhooks), each ending with every
 * certificate issued exactly once at SwanShare.
 */
class SwanShareIssuanceTest extends HubTestBase {

    private static final Duration ISSUED_WITHIN = Duration.ofSeconds(60);
    private final SwanShareEmulator swanshare = SwanShareAccount.emulator();
    private String templateName = "";

    @BeforeEach
    void cleanOrganisation() {
        swanshare.reset();
        SwanShareAccount.webhooksTo(port);
    }

    @AfterEach
    void restoreOrganisation() {
        swanshare.monthlyQuota(SwanShareEmulator.DEFAULT_MONTHLY_QUOTA);
        swanshare.delayResponses(null);
        swanshare.outage(false);
        api().post("/v1/issuers/" + SwanShareAccount.NAME + "/resume", Map.of());
    }

    private String template() {
        String template = SwanShareTemplates.template(api());
        templateName = api().get("/v1/templates/" + template).body().get("name").asText();
        return template;
    }

    private List<String> awaitIssued(String template, int count) {
        await().atMost(ISSUED_WITHIN).until(() -> certificates(api(), template, "issued").size(), n -> n == count);
        return certificates(api(), template, "issued").stream().map(c -> c.get("id").asText()).toList();
    }

    /** The calls that issued this test's certificates (its template's name is in each item). */
    private List<RecordedRequest> issuingCalls() {
        return swanshare.requests("/api/v1/credentials").stream()
                .filter(r -> r.method().equals("POST") && r.path().equals("/api/v1/credentials")
                        && r.body().contains(templateName)).toList();
    }

    @Test
    void aBatchGoesInFullBatchesOfItemsAndEachCertificateCarriesSwanSharesVerifyUrl() throws Exception {
        String template = template();
        batch(api(), template, 150);

        List<String> ids = awaitIssued(template, 150);

        assertIssuedExactlyOnce(swanshare, ids);
        assertThat(issuingCalls()).extracting(r -> ApiClient.json().readTree(r.body()).get("items").size())
                .containsExactlyInAnyOrder(100, 50);
        assertThat(issuingCalls()).allSatisfy(r ->
                assertThat(r.header("Authorization")).isEqualTo("Bearer " + SwanShareAccount.API_KEY));
        JsonNode certificate = api().get("/v1/certificates/" + ids.getFirst()).body();
        String verifyId = certificate.at("/issuer/external_id").asText();
        assertThat(certificate.get("verification_url").asText()).isEqualTo(swanshare.baseUrl() + "/verify?id="
                + verifyId);
        assertThat(swanshare.credentials()).filteredOn(c -> c.verifyId().equals(verifyId)).singleElement()
                .satisfies(c -> {
                    assertThat(c.recipientName()).isEqualTo(certificate.at("/recipient/name").asText());
                    assertThat(c.recipientEmail()).isEqualTo(certificate.at("/recipient/email").asText());
                    assertThat(c.fields().get("course").asText()).isEqualTo("Data Analytics");
                });
    }

    @Test
    void theHubsVerificationOfASwanShareCertificateIsSwanSharesOwnAnswer() {
        String template = template();
        batch(api(), template, 2);
        List<String> ids = awaitIssued(template, 2);

        JsonNode valid = anonymous().get("/v1/verify/" + ids.get(0)).body();
        assertThat(valid.get("valid").asBoolean()).isTrue();
        assertThat(valid.get("status").asText()).isEqualTo("valid");
        assertThat(valid.get("checks").findValuesAsText("name"))
                .containsExactly("Signature", "Hash", "Ledger inclusion", "Revocation", "Expiry");
        assertThat(valid.at("/issuer/name").asText()).isEqualTo(SwanShareEmulator.ISSUER_NAME);

        String revoked = api().get("/v1/certificates/" + ids.get(1)).body().at("/issuer/external_id").asText();
        swanshare.revoke(revoked);
        JsonNode verification = anonymous().get("/v1/verify/" + ids.get(1)).body();
        assertThat(verification.get("valid").asBoolean()).isFalse();
        assertThat(verification.get("status").asText()).as("revoked in SwanShare's dashboard").isEqualTo("revoked");
        int looks = swanshare.requests("/api/v1/credentials/").size();
        anonymous().get("/v1/verify/" + ids.get(1));
        assertThat(swanshare.requests("/api/v1/credentials/")).as("kept briefly").hasSize(looks);
    }

    @Test
    void anOutageAndAFailedRequestInTheMiddleLoseNothingAndDoubleNothing() {
        String template = template();
        swanshare.failNext("/api/v1/credentials", 1, 500, "application/json", "{\"error\":\"Internal error\"}");
        batch(api(), template, 20);
        await().atMost(ISSUED_WITHIN).until(() -> !issuingCalls().isEmpty());
        swanshare.outage(true);
        batch(api(), template, 20);
        await().atMost(ISSUED_WITHIN).until(() -> issuingCalls().size() >= 3);
        swanshare.outage(false);

        assertIssuedExactlyOnce(swanshare, awaitIssued(template, 40));
    }

    @Test
    void anAnswerLostToATimeoutIsAdoptedFromSwanSharesWebhookNotIssuedAgain() {
        String template = template();
        swanshare.delayResponses("POST", Duration.ofSeconds(3));
        batch(api(), template, 5);

        List<String> ids = awaitIssued(template, 5);

        assertIssuedExactlyOnce(swanshare, ids);
        assertThat(issuingCalls()).as("the retry found them adopted and made no call").hasSize(1);
        assertThat(swanshare.requests("/api/v1/credentials/")).as("the webhook's first and last credentials looked up, "
                + "which place the rest").hasSize(2);
    }

    @Test
    void theMonthsPlanLimitPausesTheAccountWithItsCertificatesKeptUntilResumed() {
        String template = template();
        swanshare.monthlyQuota(100);
        batch(api(), template, 150);

        JsonNode paused = await().atMost(ISSUED_WITHIN).until(
                () -> api().get("/v1/issuers/" + SwanShareAccount.NAME).body().get("paused"), p -> !p.isNull());
        assertThat(paused.get("reason").asText()).contains("monthly plan limit");
        assertThat(paused.get("resume_at").asText()).isEqualTo(YearMonth.now(ZoneOffset.UTC).plusMonths(1).atDay(1)
                .atStartOfDay().toInstant(ZoneOffset.UTC).toString());
        int calls = issuingCalls().size();
        await("no call while paused").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> issuingCalls().size() == calls);
        int issued = certificates(api(), template, "issued").size();
        assertThat(issued).isLessThan(150);
        assertThat(certificates(api(), template, "pending")).hasSize(150 - issued);
        assertThat(certificates(api(), template, "failed")).isEmpty();

        swanshare.startNewMonth();
        swanshare.monthlyQuota(SwanShareEmulator.DEFAULT_MONTHLY_QUOTA);
        ApiClient.Response resumed = api().post("/v1/issuers/" + SwanShareAccount.NAME + "/resume", Map.of());

        assertThat(resumed.body().get("paused").isNull()).isTrue();
        assertIssuedExactlyOnce(swanshare, awaitIssued(template, 150));
    }

    @Test
    void aWebhookNotSignedWithTheAccountsSecretIsRefused() throws Exception {
        String body = "{\"event\":\"credential.issued\",\"data\":{\"count\":1,\"credentials\":[{\"verify_id\":\"x1\","
                + "\"verify_url\":\"https://www.swanshare.site/verify?id=x1\"}]}}";

        assertThat(hook(body, SwanShareEmulator.signature("another-secret", body))).isEqualTo(401);
        assertThat(hook(body, null)).isEqualTo(401);
        assertThat(hook(body, SwanShareEmulator.signature(SwanShareAccount.WEBHOOK_SECRET, body)))
                .as("signed, naming a credential that is none of the hub's").isEqualTo(200);
    }

    private int hook(String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/hooks/issuers/" + SwanShareAccount.NAME))
                .header("Content-Type", "application/json").header("X-SwanShare-Event", "credential.issued")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (signature != null) {
            request.header("X-SwanShare-Signature", signature);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
