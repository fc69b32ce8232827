package io.certbridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CanvasEmulatorTest {

    private static final String TOKEN = "7~canvas-emulator-token";
    private static final String NS = "com.example.certhub";
    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final Path PAYLOADS = Path.of("..", "shared", "reference", "payloads");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static CanvasEmulator canvas;

    @BeforeAll
    static void startEmulator() {
        canvas = new CanvasEmulator(TOKEN).start();
    }

    @AfterAll
    static void stopEmulator() {
        canvas.close();
    }

    @BeforeEach
    void resetEmulator() {
        canvas.reset();
    }

    @Test
    void sampleCustomDataPutAnswers201WithTheSampleResponseThen200() throws Exception {
        String request = payload("canvas-custom_data-put-request.json");

        HttpResponse<String> first = send("PUT", "/api/v1/users/123/custom_data", JSON, request, TOKEN);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(tree(first.body())).isEqualTo(tree(payload("canvas-custom_data-put-response.json")));
        assertThat(first.headers().firstValue("X-Request-Cost")).hasValue("0.01");
        assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(JSON));

        HttpResponse<String> second = send("PUT", "/api/v1/users/123/custom_data", JSON, request, TOKEN);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(tree(second.body())).isEqualTo(tree(payload("canvas-custom_data-put-response.json")));

        assertThat(canvas.customData("123", NS)).isEqualTo(tree(request).get("data"));
        List<RecordedRequest> recorded = canvas.requests("/api/v1/users/123/");
        assertThat(recorded).hasSize(2);
        assertThat(recorded.get(0).method()).isEqualTo("PUT");
        assertThat(recorded.get(0).header("authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(recorded.get(0).header("CONTENT-TYPE")).isEqualTo(JSON);
        assertThat(tree(recorded.get(0).body())).isEqualTo(tree(request));
    }

    @Test
    void aWriteReplacesTheValueAtItsScopeRatherThanMerging() throws Exception {
        send("PUT", "/api/v1/users/7/custom_data", JSON,
                "{\"ns\":\"" + NS + "\",\"data\":{\"course_1\":{\"certificate_url\":\"u1\"}}}", TOKEN);
        HttpResponse<String> scoped = send("PUT", "/api/v1/users/7/custom_data/course_2", JSON,
                "{\"ns\":\"" + NS + "\",\"data\":{\"certificate_url\":\"u2\"}}", TOKEN);
        assertThat(scoped.statusCode()).isEqualTo(201);
        assertThat(canvas.customData("7", NS))
                .isEqualTo(tree("{\"course_1\":{\"certificate_url\":\"u1\"},\"course_2\":{\"certificate_url\":\"u2\"}}"));

        HttpResponse<String> root = send("PUT", "/api/v1/users/7/custom_data", JSON,
                "{\"ns\":\"" + NS + "\",\"data\":{\"course_3\":{\"certificate_url\":\"u3\"}}}", TOKEN);
        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(canvas.customData("7", NS)).isEqualTo(tree("{\"course_3\":{\"certificate_url\":\"u3\"}}"));
    }

    @Test
    void formPutStoresStringsAtAScopeAndGetReadsSubscopes() throws Exception {
        String form = "ns=" + NS + "&data%5Bcertificate_url%5D=https%3A%2F%2Fcerts.example.com%2Fv%2F1"
                + "&data[issued_at]=2024-11-05T13%3A41%3A10Z";
        HttpResponse<String> put = send("PUT", "/api/v1/users/9/custom_data/course_565", FORM, form, TOKEN);
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(tree(put.body())).isEqualTo(tree(
                "{\"data\":{\"certificate_url\":\"https://certs.example.com/v/1\",\"issued_at\":\"2024-11-05T13:41:10Z\"}}"));

        HttpResponse<String> get = send("GET", "/api/v1/users/9/custom_data/course_565/certificate_url?ns=" + NS,
                null, null, TOKEN);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(tree(get.body())).isEqualTo(tree("{\"data\":\"https://certs.example.com/v/1\"}"));

        HttpResponse<String> whole = send("GET", "/api/v1/users/9/custom_data?ns=" + NS, null, null, TOKEN);
        assertThat(tree(whole.body()).at("/data/course_565/issued_at").asText()).isEqualTo("2024-11-05T13:41:10Z");

        HttpResponse<String> none = send("GET", "/api/v1/users/10/custom_data?ns=" + NS, null, null, TOKEN);
        assertThat(none.statusCode()).isEqualTo(400);
        assertThat(tree(none.body())).isEqualTo(tree("{\"message\":\"no data for scope\"}"));
    }

    @Test
    void writingThroughAStringAnswers409LikeTheSample() throws Exception {
        send("PUT", "/api/v1/users/5/custom_data", JSON,
                "{\"ns\":\"" + NS + "\",\"data\":{\"course_565\":\"https://certs.example.com/v/old\"}}", TOKEN);

        HttpResponse<String> conflict = send("PUT", "/api/v1/users/5/custom_data/course_565/certificate_url", JSON,
                "{\"ns\":\"" + NS + "\",\"data\":\"https://certs.example.com/v/new\"}", TOKEN);

        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(tree(conflict.body())).isEqualTo(tree(payload("canvas-custom_data-409-conflict.json")));
        assertThat(canvas.customData("5", NS)).isEqualTo(tree("{\"course_565\":\"https://certs.example.com/v/old\"}"));
    }

    @Test
    void missingNamespaceOrDataAnswers400() throws Exception {
        HttpResponse<String> noNs = send("PUT", "/api/v1/users/5/custom_data", JSON, "{\"data\":{\"a\":1}}", TOKEN);
        assertThat(noNs.statusCode()).isEqualTo(400);
        assertThat(tree(noNs.body())).isEqualTo(tree("{\"message\":\"invalid namespace\"}"));

        HttpResponse<String> blankNs = send("PUT", "/api/v1/users/5/custom_data", FORM, "ns=+&data=x", TOKEN);
        assertThat(tree(blankNs.body())).isEqualTo(tree("{\"message\":\"invalid namespace\"}"));

        HttpResponse<String> noData = send("PUT", "/api/v1/users/5/custom_data", JSON, "{\"ns\":\"" + NS + "\"}", TOKEN);
        assertThat(noData.statusCode()).isEqualTo(400);
        assertThat(tree(noData.body())).isEqualTo(tree("{\"message\":\"no data specified\"}"));
        assertThat(canvas.customData("5", NS)).isNull();
    }

    @Test
    void sisUserIdIsStoredUnderItsLiteralKey() throws Exception {
        String body = "{\"ns\":\"" + NS + "\",\"data\":{\"k\":\"v\"}}";
        assertThat(send("PUT", "/api/v1/users/sis_user_id:S-42/custom_data", JSON, body, TOKEN).statusCode()).isEqualTo(201);
        assertThat(send("PUT", "/api/v1/users/sis_user_id%3AS-42/custom_data", JSON, body, TOKEN).statusCode()).isEqualTo(200);
        assertThat(canvas.customData("sis_user_id:S-42", NS)).isEqualTo(tree("{\"k\":\"v\"}"));
    }

    @Test
    void aBadOrMissingTokenAnswers401WithCanvasBody() throws Exception {
        String request = payload("canvas-custom_data-put-request.json");
        HttpResponse<String> wrong = send("PUT", "/api/v1/users/123/custom_data", JSON, request, "not-the-token");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).isEqualTo("{\"errors\":[{\"message\":\"Invalid access token.\"}]}");
        assertThat(tree(wrong.body())).isEqualTo(tree(payload("canvas-error-invalid-token.json")));
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"canvas-lms\"");
        assertThat(wrong.headers().firstValue("X-Request-Cost")).isPresent();

        HttpResponse<String> missing = send("POST", "/api/v1/conversations", FORM, "recipients[]=1&body=x", null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(tree(missing.body())).isEqualTo(tree(payload("canvas-error-invalid-token.json")));
        assertThat(canvas.customData("123", NS)).isNull();
        assertThat(canvas.conversations()).isEmpty();
    }

    @Test
    void submissionCommentsAreAppendedAndReadBack() throws Exception {
        String path = "/api/v1/courses/565/assignments/77/submissions/42";
        HttpResponse<String> put = send("PUT", path, FORM,
                "comment%5Btext_comment%5D=Your+certificate%3A+https%3A%2F%2Fcerts.example.com%2Fv%2F1", TOKEN);
        assertThat(put.statusCode()).isEqualTo(200);
        JsonNode submission = tree(put.body());
        assertThat(submission.get("user_id").asLong()).isEqualTo(42);
        assertThat(submission.get("assignment_id").asLong()).isEqualTo(77);
        assertThat(submission.get("id").isNumber()).isTrue();
        assertThat(submission.at("/submission_comments/0/comment").asText())
                .isEqualTo("Your certificate: https://certs.example.com/v/1");
        assertThat(submission.at("/submission_comments/0/author_id").asLong()).isEqualTo(CanvasEmulator.API_USER_ID);
        assertThat(submission.at("/submission_comments/0/created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

        send("PUT", path, JSON, "{\"comment\":{\"text_comment\":\"second\"}}", TOKEN);

        HttpResponse<String> get = send("GET", path + "?include%5B%5D=submission_comments", null, null, TOKEN);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(tree(get.body()).get("submission_comments")).hasSize(2);
        HttpResponse<String> plain = send("GET", path, null, null, TOKEN);
        assertThat(tree(plain.body()).has("submission_comments")).isFalse();
        assertThat(canvas.comments("565", "77", "42"))
                .containsExactly("Your certificate: https://certs.example.com/v/1", "second");

        HttpResponse<String> untouched = send("GET", "/api/v1/courses/565/assignments/77/submissions/43"
                + "?include%5B%5D=submission_comments", null, null, TOKEN);
        assertThat(tree(untouched.body()).get("submission_comments")).isEmpty();
    }

    @Test
    void conversationsAreCreatedWith201AndNeedABody() throws Exception {
        String form = "recipients%5B%5D=42&subject=Your+certificate&body=Here+it+is&force_new=true";
        HttpResponse<String> created = send("POST", "/api/v1/conversations", FORM, form, TOKEN);
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode list = tree(created.body());
        assertThat(list.isArray()).isTrue();
        assertThat(list).hasSize(1);
        assertThat(list.at("/0/subject").asText()).isEqualTo("Your certificate");
        assertThat(list.at("/0/last_message").asText()).isEqualTo("Here it is");
        assertThat(list.at("/0/audience/0").asLong()).isEqualTo(42);
        assertThat(list.at("/0/participants").findValues("id")).extracting(JsonNode::asLong)
                .containsExactly(CanvasEmulator.API_USER_ID, 42L);

        HttpResponse<String> noBody = send("POST", "/api/v1/conversations", FORM, "recipients[]=42&subject=x", TOKEN);
        assertThat(noBody.statusCode()).isEqualTo(400);
        assertThat(tree(noBody.body())).isEqualTo(tree("[{\"attribute\":\"body\",\"message\":\"blank\"}]"));

        long firstId = list.at("/0/id").asLong();
        JsonNode reused = tree(send("POST", "/api/v1/conversations", FORM, "recipients[]=42&body=again", TOKEN).body());
        assertThat(reused.at("/0/id").asLong()).isEqualTo(firstId);
        assertThat(reused.at("/0/message_count").asInt()).isEqualTo(2);
        JsonNode forced = tree(send("POST", "/api/v1/conversations", FORM, form, TOKEN).body());
        assertThat(forced.at("/0/id").asLong()).isNotEqualTo(firstId);

        assertThat(canvas.conversations()).hasSize(2);
        assertThat(canvas.conversations().get(0).at("/messages/0/body").asText()).isEqualTo("again");
    }

    @Test
    void severalRecipientsGetOnePrivateConversationEachUnlessItIsAGroupConversation() throws Exception {
        JsonNode bulk = tree(send("POST", "/api/v1/conversations", FORM,
                "recipients[]=42&recipients[]=43&subject=s&body=b&force_new=true", TOKEN).body());
        assertThat(bulk).hasSize(2);
        assertThat(bulk.findValues("private")).extracting(JsonNode::asBoolean).containsOnly(true);

        JsonNode group = tree(send("POST", "/api/v1/conversations", JSON,
                "{\"recipients\":[\"42\",\"43\"],\"body\":\"b\",\"group_conversation\":true}", TOKEN).body());
        assertThat(group).hasSize(1);
        assertThat(group.at("/0/private").asBoolean()).isFalse();
        assertThat(group.at("/0/audience")).hasSize(2);
        assertThat(canvas.conversations()).hasSize(3);

        HttpResponse<String> noRecipients = send("POST", "/api/v1/conversations", FORM, "body=b", TOKEN);
        assertThat(noRecipients.statusCode()).isEqualTo(400);
        assertThat(tree(noRecipients.body())).isEqualTo(tree("[{\"attribute\":\"recipients\",\"message\":\"blank\"}]"));
    }

    @Test
    void throttleNextAnswers403RateLimitExceeded() throws Exception {
        canvas.throttleNext(1);
        HttpResponse<String> jwks = send("GET", "/jwks", null, null, null);
        assertThat(jwks.statusCode()).as("the JWKS host is not throttled").isEqualTo(200);

        String request = payload("canvas-custom_data-put-request.json");
        HttpResponse<String> throttled = send("PUT", "/api/v1/users/123/custom_data", JSON, request, TOKEN);
        assertThat(throttled.statusCode()).isEqualTo(403);
        assertThat(throttled.body().strip()).isEqualTo("403 Forbidden (Rate Limit Exceeded)");
        assertThat(throttled.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(Double.parseDouble(throttled.headers().firstValue("X-Rate-Limit-Remaining").orElseThrow())).isZero();
        assertThat(throttled.headers().firstValue("X-Request-Cost")).as("RequestThrottle omits it when throttled").isEmpty();
        assertThat(canvas.customData("123", NS)).isNull();

        assertThat(send("PUT", "/api/v1/users/123/custom_data", JSON, request, TOKEN).statusCode()).isEqualTo(201);
        assertThat(canvas.requests()).hasSize(3);
    }

    @Test
    void failNextAnswersTheFaultThenServesNormally() throws Exception {
        canvas.failNext(1, 503, "text/html", "<html><body>Service Unavailable</body></html>");
        String request = payload("canvas-custom_data-put-request.json");

        HttpResponse<String> failed = send("PUT", "/api/v1/users/123/custom_data", JSON, request, TOKEN);
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(failed.body()).contains("Service Unavailable");
        assertThat(canvas.customData("123", NS)).isNull();

        HttpResponse<String> ok = send("PUT", "/api/v1/users/123/custom_data", JSON, request, TOKEN);
        assertThat(ok.statusCode()).isEqualTo(201);
        assertThat(canvas.requests()).hasSize(2).allSatisfy(r -> assertThat(r.body()).isEqualTo(request));
    }

    @Test
    void faultsCanBeScopedToAPathPrefix() throws Exception {
        canvas.failNext("/api/v1/conversations", 1, 500, "text/plain", "boom");
        assertThat(send("GET", "/api/v1/users/1/custom_data?ns=x", null, null, TOKEN).statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/v1/conversations", FORM, "recipients[]=1&body=b", TOKEN).statusCode()).isEqualTo(500);
        assertThat(send("POST", "/api/v1/conversations", FORM, "recipients[]=1&body=b", TOKEN).statusCode()).isEqualTo(201);
    }

    @Test
    void unknownPathsAnswer404() throws Exception {
        HttpResponse<String> response = send("GET", "/api/v1/nothing/here", null, null, TOKEN);
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(tree(response.body()))
                .isEqualTo(tree("{\"errors\":[{\"message\":\"The specified resource does not exist.\"}]}"));
    }

    @Test
    void responsesCanBeDelayed() throws Exception {
        canvas.delayResponses(Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThat(send("GET", "/jwks", null, null, null).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

        canvas.delayResponses(Duration.ofSeconds(5));
        HttpRequest impatient = HttpRequest.newBuilder(URI.create(canvas.jwksUrl()))
                .timeout(Duration.ofMillis(100)).GET().build();
        assertThatThrownBy(() -> HTTP.send(impatient, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);

        canvas.delayResponses(Duration.ZERO);
        assertThat(send("GET", "/jwks", null, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void liveEventJwsVerifiesWithTheJwkOfItsKid() throws Exception {
        String event = payload("canvas-course_completed.json");
        String jws = canvas.signLiveEvent(event);

        String[] parts = jws.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(jws).doesNotContain("=");
        JsonNode header = tree(new String(b64url(parts[0]), StandardCharsets.UTF_8));
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(header.get("typ").asText()).isEqualTo("JWT");
        assertThat(header.get("kid").asText()).isEqualTo(canvas.currentKid());
        assertThat(new String(b64url(parts[1]), StandardCharsets.UTF_8)).isEqualTo(event);

        JsonNode jwks = fetchJwks();
        assertThat(jwks.get("keys")).hasSize(3);
        assertThat(jwks.get("keys").findValuesAsText("kid")).containsExactlyElementsOf(canvas.publishedKids());
        assertThat(jwks.at("/keys/1/kid").asText()).as("current is the middle key").isEqualTo(canvas.currentKid());
        assertThat(jwks.at("/keys/0/kty").asText()).isEqualTo("RSA");
        assertThat(jwks.at("/keys/0/use").asText()).isEqualTo("sig");
        assertThat(jwks.at("/keys/0/alg").asText()).isEqualTo("RS256");

        PublicKey key = publicKey(jwks, header.get("kid").asText());
        assertThat(((java.security.interfaces.RSAPublicKey) key).getModulus().bitLength()).isEqualTo(2048);
        assertThat(verifies(key, jws)).isTrue();
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(event.replace("course_completed", "course_progress").getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThat(verifies(key, tampered)).isFalse();
        assertThat(canvas.jwksRequestCount()).isEqualTo(1);
    }

    @Test
    void theUnpublishedKeyIsNotInTheJwks() throws Exception {
        String jws = canvas.signLiveEventWithUnpublishedKey("{\"metadata\":{},\"body\":{}}");
        String kid = tree(new String(b64url(jws.split("\\.")[0]), StandardCharsets.UTF_8)).get("kid").asText();
        JsonNode jwks = fetchJwks();
        assertThat(jwks.get("keys").findValuesAsText("kid")).doesNotContain(kid);
        for (JsonNode jwk : jwks.get("keys")) {
            assertThat(verifies(publicKey(jwks, jwk.get("kid").asText()), jws)).isFalse();
        }
    }

    @Test
    void rotationDropsTheOldestKeyAndPromotesNext() throws Exception {
        List<String> before = canvas.publishedKids();
        String signedBefore = canvas.signLiveEvent("{\"n\":1}");

        canvas.rotateKeys();

        List<String> after = canvas.publishedKids();
        assertThat(after).hasSize(3).startsWith(before.get(1), before.get(2)).doesNotContain(before.get(0));
        assertThat(canvas.currentKid()).isEqualTo(before.get(2));
        JsonNode jwks = fetchJwks();
        assertThat(jwks.get("keys").findValuesAsText("kid")).containsExactlyElementsOf(after);
        assertThat(verifies(publicKey(jwks, before.get(1)), signedBefore)).as("old current is now previous").isTrue();
        String signedAfter = canvas.signLiveEvent("{\"n\":2}");
        assertThat(verifies(publicKey(jwks, after.get(1)), signedAfter)).isTrue();
    }

    @Test
    void resetClearsDataFaultsAndRecordings() throws Exception {
        send("PUT", "/api/v1/users/1/custom_data", JSON, payload("canvas-custom_data-put-request.json"), TOKEN);
        fetchJwks();
        canvas.failNext(5, 500, "text/plain", "x");
        canvas.reset();
        assertThat(canvas.requests()).isEmpty();
        assertThat(canvas.customData("1", NS)).isNull();
        assertThat(canvas.jwksRequestCount()).isZero();
        assertThat(send("GET", "/jwks", null, null, null).statusCode()).isEqualTo(200);
        canvas.clearRequests();
        assertThat(canvas.requests()).isEmpty();
    }

    // ---- helpers ----

    private static HttpResponse<String> send(String method, String path, String contentType, String body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(canvas.baseUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode fetchJwks() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(canvas.jwksUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return tree(response.body());
    }

    private static PublicKey publicKey(JsonNode jwks, String kid) throws GeneralSecurityException {
        List<JsonNode> matches = new ArrayList<>();
        jwks.get("keys").forEach(k -> {
            if (k.get("kid").asText().equals(kid)) {
                matches.add(k);
            }
        });
        assertThat(matches).hasSize(1);
        JsonNode jwk = matches.get(0);
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                new BigInteger(1, b64url(jwk.get("n").asText())), new BigInteger(1, b64url(jwk.get("e").asText()))));
    }

    private static boolean verifies(PublicKey key, String jws) throws GeneralSecurityException {
        int lastDot = jws.lastIndexOf('.');
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(jws.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(b64url(jws.substring(lastDot + 1)));
    }

    private static byte[] b64url(String text) {
        return Base64.getUrlDecoder().decode(text);
    }

    private static String payload(String name) throws IOException {
        return Files.readString(PAYLOADS.resolve(name));
    }

    private static JsonNode tree(String json) throws IOException {
        return MAPPER.readTree(json);
    }
}
