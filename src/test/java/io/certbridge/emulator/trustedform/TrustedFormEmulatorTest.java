package io.certbridge.emulator.trustedform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retains certificates from the TrustedForm emulator over HTTP as a hub would. */
class TrustedFormEmulatorTest {

    private static final String KEY = "tf_test_0123456789abcdef";
    private static final String EMAIL = "Jane.Doe@Example.com";
    private static final String PHONE = "(512) 555-0100";
    private static final String RETAIN = """
            {"match_lead":{"email":"jane.doe@example.com"},"retain":{"reference":"00Q5g00000AbCdE","vendor":"Acme"}}""";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TrustedFormEmulator trustedForm;

    @BeforeAll
    static void start() {
        trustedForm = new TrustedFormEmulator(KEY).start();
    }

    @AfterAll
    static void stop() {
        trustedForm.close();
    }

    @BeforeEach
    void reset() {
        trustedForm.reset();
    }

    @Test
    void retainsACertificateAndAnswersWithTheV4Sections() throws Exception {
        String url = trustedForm.newCertificate(EMAIL, PHONE);
        assertThat(url).startsWith(trustedForm.certificateUrlPrefix()).matches(".*/[0-9a-f]{40}");

        HttpResponse<String> answer = post(url, KEY, RETAIN);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        JsonNode body = MAPPER.readTree(answer.body());
        assertThat(body.get("outcome").asText()).isEqualTo("success");
        assertThat(body.get("reason").isNull()).isTrue();
        assertThat(body.at("/match_lead/email").asText()).isEqualTo("jane.doe@example.com");
        assertThat(body.at("/match_lead/result/email_match").asBoolean()).isTrue();
        assertThat(body.at("/match_lead/result/phone_match").isNull()).isTrue();
        assertThat(body.at("/match_lead/result/success").asBoolean()).isTrue();
        assertThat(body.at("/retain/reference").asText()).isEqualTo("00Q5g00000AbCdE");
        assertThat(body.at("/retain/vendor").asText()).isEqualTo("Acme");
        assertThat(body.at("/retain/results/previously_retained").asBoolean()).isFalse();
        assertThat(body.at("/retain/results/masked_cert_url").isNull()).isTrue();
        Instant expires = Instant.parse(body.at("/retain/results/expires_at").asText());
        assertThat(expires).isCloseTo(Instant.now().plus(TrustedFormEmulator.RETENTION),
                within(1, ChronoUnit.MINUTES));
        assertThat(body.has("insights")).isFalse();

        assertThat(trustedForm.retainCount(url)).isEqualTo(1);
        assertThat(trustedForm.certificate(url).retention().reference()).isEqualTo("00Q5g00000AbCdE");
        assertThat(trustedForm.certificate(url).retention().vendor()).isEqualTo("Acme");
    }

    @Test
    void aSecondRetainSaysPreviouslyRetainedAndIsCountedAgain() throws Exception {
        String url = trustedForm.newCertificate(EMAIL, null);
        JsonNode first = MAPPER.readTree(post(url, KEY, RETAIN).body());

        JsonNode second = MAPPER.readTree(post(url, KEY, RETAIN.replace("Acme", "Other")).body());

        assertThat(second.at("/retain/results/previously_retained").asBoolean()).isTrue();
        assertThat(second.at("/retain/results/expires_at")).isEqualTo(first.at("/retain/results/expires_at"));
        assertThat(trustedForm.retainCount(url)).isEqualTo(2);
        assertThat(trustedForm.retainedMoreThanOnce()).containsExactly(url);
        assertThat(trustedForm.certificate(url).retention().vendor()).isEqualTo("Acme");
    }

    @Test
    void expiredAndUnknownCertificatesAre404AndNothingIsRetained() throws Exception {
        String expired = trustedForm.newExpiredCertificate(EMAIL, PHONE);
        String expiredNow = trustedForm.newCertificate(EMAIL, PHONE);
        trustedForm.expire(expiredNow);
        String unknown = trustedForm.certificateUrlPrefix() + "eb9fc4dd9bed9ad451a5648946cf4bf09b5bb947";

        for (String url : new String[] {expired, expiredNow, unknown}) {
            HttpResponse<String> answer = post(url, KEY, RETAIN);
            assertThat(answer.statusCode()).as(url).isEqualTo(404);
            assertThat(MAPPER.readTree(answer.body())).isEqualTo(MAPPER.readTree("""
                    {"outcome":"error","reason":"TrustedForm certificate has expired or could not be found"}"""));
        }
        assertThat(trustedForm.retainCounts()).isEmpty();
    }

    @Test
    void aRetainedCertificateOutlivesItsPublicWindow() throws Exception {
        String url = trustedForm.newCertificate(EMAIL, PHONE);
        post(url, KEY, RETAIN);
        trustedForm.expire(url);

        assertThat(post(url, KEY, RETAIN).statusCode()).isEqualTo(200);
        assertThat(trustedForm.retainCount(url)).isEqualTo(2);
    }

    @Test
    void missingCredentialsAre401AndAWrongKeyIs403OrAsSet() throws Exception {
        String url = trustedForm.newCertificate(EMAIL, PHONE);

        HttpResponse<String> missing = send(json(url, RETAIN).build());
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"TrustedForm\"");
        assertThat(MAPPER.readTree(missing.body()).get("reason").asText()).isEqualTo("Incorrect API key");
        assertThat(post(url, "not-the-key", RETAIN).statusCode()).isEqualTo(403);

        trustedForm.wrongKeyStatus(401);
        assertThat(post(url, "not-the-key", RETAIN).statusCode()).isEqualTo(401);
        assertThat(trustedForm.retainCount(url)).isZero();
    }

    @Test
    void anOperationTheAccountHasNotContractedIs403() throws Exception {
        String url = trustedForm.newCertificate(EMAIL, PHONE);
        trustedForm.contractedOperations("match_lead");

        HttpResponse<String> answer = post(url, KEY, RETAIN);

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(MAPPER.readTree(answer.body()).get("reason").asText())
                .isEqualTo("Unavailable operation requested: retain");
        assertThat(post(url, KEY, "{\"verify\":{}}").statusCode()).isEqualTo(403);
        assertThat(post(url, KEY, "{\"match_lead\":{\"email\":\"jane.doe@example.com\"}}").statusCode())
                .isEqualTo(200);
        assertThat(trustedForm.retainCount(url)).isZero();
    }

    @Test
    void outOfFundsOutageAndServerErrorsRetainNothingAndAreLogged() throws Exception {
        String url = trustedForm.newCertificate(EMAIL, PHONE);
        trustedForm.outOfFunds(true);
        assertThat(post(url, KEY, RETAIN).statusCode()).isEqualTo(402);
        trustedForm.outOfFunds(false);
        trustedForm.outage(true);
        assertThat(post(url, KEY, RETAIN).statusCode()).isEqualTo(503);
        trustedForm.outage(false);
        trustedForm.failNext(1, 502, "text/html", "<html>Bad Gateway</html>");
        assertThat(post(url, KEY, RETAIN).statusCode()).isEqualTo(502);

        assertThat(post(url, KEY, RETAIN).statusCode()).isEqualTo(200);
        assertThat(trustedForm.retainCount(url)).isEqualTo(1);
        assertThat(trustedForm.calls()).extracting(RecordedCall::status).containsExactly(402, 503, 502, 200);
    }

    @Test
    void aSlowAnswerTheClientGaveUpOnHasStillRetained() {
        String url = trustedForm.newCertificate(EMAIL, PHONE);
        trustedForm.delayResponses("POST", Duration.ofSeconds(2));

        assertThatThrownBy(() -> send(authorized(json(url, RETAIN), KEY).timeout(Duration.ofMillis(300)).build()))
                .isInstanceOf(HttpTimeoutException.class);

        assertThat(trustedForm.retainCount(url)).isEqualTo(1);
    }

    @Test
    void malformedRequestsAre400AndRetainWithoutMatchLead422() throws Exception {
        String url = trustedForm.newCertificate(EMAIL, PHONE);

        assertThat(post(url, KEY, "{\"retain\":{\"reference\":\"x\"}}").statusCode()).isEqualTo(422);
        assertThat(post(url, KEY, "{\"match_lead\":{},\"retain\":{}}").statusCode()).isEqualTo(422);
        assertThat(post(url, KEY, "{\"insights\":{}}").statusCode()).isEqualTo(422);
        assertThat(post(url, KEY, "{\"match_lead\":").statusCode()).isEqualTo(400);
        assertThat(post(url, KEY, "{}").statusCode()).isEqualTo(400);
        assertThat(post(url, KEY, "[]").statusCode()).isEqualTo(400);
        assertThat(post(url, KEY, "{\"retain\":\"yes\",\"match_lead\":{\"email\":\"a@b.c\"}}").statusCode())
                .isEqualTo(400);
        assertThat(send(authorized(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString(RETAIN)), KEY).build()).statusCode()).isEqualTo(400);
        HttpResponse<String> oldVersion = send(authorized(json(url, RETAIN), KEY).setHeader("Api-Version", "3.0")
                .build());
        assertThat(oldVersion.statusCode()).isEqualTo(400);
        assertThat(MAPPER.readTree(oldVersion.body()).get("outcome").asText()).isEqualTo("error");
        assertThat(trustedForm.retainCount(url)).isZero();
    }

    @Test
    void anAccountOnAnOlderVersionNeedsTheApiVersionHeader() throws Exception {
        String url = trustedForm.newCertificate(EMAIL, PHONE);
        trustedForm.accountApiVersion("3.0");

        assertThat(send(authorized(json(url, RETAIN), KEY).build()).statusCode()).isEqualTo(400);
        assertThat(post(url, KEY, RETAIN).statusCode()).isEqualTo(200);
    }

    @Test
    void aLeadThatDoesNotMatchFailsTheOutcomeButIsStillRetained() throws Exception {
        String url = trustedForm.newCertificate(EMAIL, PHONE);

        JsonNode body = MAPPER.readTree(post(url, KEY, """
                {"match_lead":{"email":"someone.else@example.com","phone":"5125550199"},"retain":{}}""").body());

        assertThat(body.get("outcome").asText()).isEqualTo("failure");
        assertThat(body.get("reason").asText()).isEqualTo(OperationsAnswer.LEAD_NOT_MATCHED);
        assertThat(body.at("/match_lead/result/email_match").asBoolean()).isFalse();
        assertThat(body.at("/match_lead/result/phone_match").asBoolean()).isFalse();
        assertThat(body.at("/match_lead/result/success").asBoolean()).isFalse();
        assertThat(body.at("/retain/reference").isNull()).isTrue();
        assertThat(trustedForm.retainCount(url)).isEqualTo(1);
    }

    @Test
    void aHashedEmailAndAFormattedPhoneMatch() throws Exception {
        String url = trustedForm.newCertificate(EMAIL, PHONE);
        String hashedEmail = LeadMatch.sha1("jane.doe@example.com");

        JsonNode body = MAPPER.readTree(post(url, KEY, """
                {"match_lead":{"email":"%s","phone":"512-555-0100"},"retain":{}}""".formatted(hashedEmail)).body());

        assertThat(body.at("/match_lead/email").asText()).isEqualTo(hashedEmail);
        assertThat(body.at("/match_lead/result/email_match").asBoolean()).isTrue();
        assertThat(body.at("/match_lead/result/phone_match").asBoolean()).isTrue();
        assertThat(body.get("outcome").asText()).isEqualTo("success");
    }

    @Test
    void aFormEncodedRetainWorksLikeJson() throws Exception {
        String url = trustedForm.newCertificate(EMAIL, PHONE);

        HttpResponse<String> answer = send(authorized(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Api-Version", "4.0")
                .POST(BodyPublishers.ofString("match_lead%5Bphone%5D=5125550100&retain%5Breference%5D=00Q1")), KEY)
                .build());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(answer.body()).at("/retain/reference").asText()).isEqualTo("00Q1");
        assertThat(trustedForm.retainCount(url)).isEqualTo(1);
    }

    @Test
    void insightsReturnTheAskedProperties() throws Exception {
        String url = trustedForm.newCertificate(EMAIL, PHONE);

        JsonNode properties = MAPPER.readTree(post(url, KEY, """
                {"insights":{"properties":["page_url","domain","expires_at","approx_ip_geo"]}}""").body())
                .at("/insights/properties");

        assertThat(properties.get("page_url").asText()).isEqualTo("https://forms.example.com/quote");
        assertThat(properties.get("domain").asText()).isEqualTo("forms.example.com");
        assertThat(Instant.parse(properties.get("expires_at").asText())).isEqualTo(
                trustedForm.certificate(url).expiresAt().truncatedTo(ChronoUnit.MILLIS));
        assertThat(properties.get("approx_ip_geo").isNull()).isTrue();
        assertThat(trustedForm.retainCount(url)).isZero();
    }

    @Test
    void getShowsTheCertificateAndRetainsNothingWhileOtherMethodsAre405() throws Exception {
        String url = trustedForm.newCertificate(EMAIL, PHONE);

        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(url)).build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("TrustedForm Certificate", trustedForm.certificate(url).id());
        HttpResponse<String> put = send(authorized(HttpRequest.newBuilder(URI.create(url))
                .PUT(BodyPublishers.ofString(RETAIN)), KEY).build());
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, POST");
        assertThat(trustedForm.retainCount(url)).isZero();
    }

    @Test
    void theCallLogKeepsHeadersBodiesAndAnswersButNotTheKey() throws Exception {
        String url = trustedForm.newCertificate(EMAIL, PHONE);
        post(url, KEY, RETAIN);

        RecordedCall call = trustedForm.calls().getFirst();
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/" + trustedForm.certificate(url).id());
        assertThat(call.header("Authorization")).isEqualTo("Basic API:<redacted>");
        assertThat(call.header("api-version")).isEqualTo("4.0");
        assertThat(call.requestBody()).isEqualTo(RETAIN);
        assertThat(call.status()).isEqualTo(200);
        assertThat(call.responseBody()).contains("\"previously_retained\":false");
        assertThat(call.headers().values()).noneMatch(value -> value.contains(KEY)
                || value.contains(Base64.getEncoder().encodeToString(("API:" + KEY).getBytes(StandardCharsets.UTF_8))));
    }

    private static HttpResponse<String> post(String url, String key, String json) throws Exception {
        return send(authorized(json(url, json), key).header("Api-Version", "4.0").build());
    }

    private static HttpRequest.Builder json(String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(BodyPublishers.ofString(json));
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String key) {
        return request.header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(("API:" + key).getBytes(StandardCharsets.UTF_8)));
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
