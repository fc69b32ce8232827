package io.certbridge.emulator.vec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.crypto.Mac;
import javax.imageio.ImageIO;
import javax.crypto.spec.SecretKeySpec;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Drives the emulator from the outside, with {@link HttpClient} and a loopback webhook receiver. */
class VecEmulatorTest {

    private static final String TOKEN = "vec-test-token";
    private static final String SECRET = "vec-test-signing-secret";
    private static final String VAULT = "/business/certificate-vault";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final byte[] PDF = pdf();

    private static VecEmulator vec;
    private static HttpServer receiver;
    private static final List<Map.Entry<Map<String, List<String>>, byte[]>> received = Collections.synchronizedList(new ArrayList<>());
    private static final ConcurrentLinkedQueue<Integer> receiverStatuses = new ConcurrentLinkedQueue<>();

    private record Answer(int status, Map<String, List<String>> headers, byte[] body) {

        JsonNode json() throws IOException {
            return MAPPER.readTree(body);
        }

        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(), List.of()).stream().findFirst().orElse(null);
        }
    }

    @BeforeAll
    static void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks", exchange -> {
            received.add(Map.entry(exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes()));
            Integer status = receiverStatuses.poll();
            exchange.sendResponseHeaders(status == null ? 204 : status, -1);
            exchange.close();
        });
        receiver.start();
        vec = new VecEmulator(TOKEN).start();
        vec.sendWebhooksTo("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks", SECRET);
        vec.webhookRetryBackoff(Duration.ofMillis(100));
    }

    @AfterAll
    static void stop() {
        vec.close();
        receiver.stop(0);
    }

    @BeforeEach
    void reset() {
        vec.reset();
        vec.processingTime(Duration.ofMillis(200));
        vec.rateLimit(60, Duration.ofMinutes(1));
        received.clear();
        receiverStatuses.clear();
    }

    @Test
    void aSingleUploadIsProcessedAnnouncedBySignedWebhooksAndItsVerifiedPdfCarriesTheQrStamp() throws Exception {
        Answer created = upload(TOKEN, fields("Ada Lovelace", "ada@example.com"), "certificate_file", "ada.pdf", PDF);
        assertThat(created.status()).isEqualTo(201);
        JsonNode data = created.json().get("data");
        assertThat(created.json().get("message").asText()).isEqualTo("Vault certificate uploaded successfully");
        assertThat(data.get("reference_id").asText()).matches("VEC-IC-\\d{4}[0-9A-F]{13}");
        assertThat(data.at("/status/value").asText()).isEqualTo("processing");
        assertThat(data.at("/source/value").asText()).isEqualTo("vault");
        assertThat(created.header("X-RateLimit-Limit")).isEqualTo("60");
        assertThat(created.header("X-RateLimit-Remaining")).isEqualTo("59");
        String uuid = data.get("uuid").asText();

        Answer early = get(TOKEN, VAULT + "/" + uuid + "/download");
        assertThat(early.status()).isEqualTo(404);
        assertThat(early.json().get("message").asText())
                .isEqualTo("Verified PDF not found. The certificate may still be processing.");
        assertThat(vec.certificate(uuid).file().content()).isEqualTo(PDF);

        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
        for (Map.Entry<Map<String, List<String>>, byte[]> hook : received) {
            assertThat(hook.getKey().get("X-Webhook-Signature")).containsExactly(hmac(hook.getValue()));
            JsonNode payload = MAPPER.readTree(hook.getValue());
            assertThat(hook.getKey().get("X-Webhook-Event")).containsExactly(payload.get("event").asText());
            assertThat(hook.getKey().get("X-Webhook-ID")).containsExactly(payload.get("webhook_id").asText());
            assertThat(hook.getKey().get("X-Webhook-Timestamp").get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(payload.get("uuid").asText()).isEqualTo(uuid);
            assertThat(payload.get("application_id").asLong()).isEqualTo(data.get("id").asLong());
            assertThat(payload.get("source").asText()).isEqualTo("vault");
            assertThat(payload.get("trigger_context").asText()).isEqualTo("single_upload");
        }
        assertThat(received.stream().map(hook -> event(hook.getValue())))
                .containsExactlyInAnyOrder("certificate_application.created", "certificate_application.approved");

        JsonNode shown = get(TOKEN, VAULT + "/" + uuid).json().get("data");
        assertThat(shown.at("/status/value").asText()).isEqualTo("approved");
        Answer download = get(TOKEN, VAULT + "/" + uuid + "/download");
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(download.body()).isNotEqualTo(PDF);
        assertThat(new String(download.body(), StandardCharsets.ISO_8859_1)).contains(uuid);
        try (PDDocument verified = Loader.loadPDF(download.body())) {
            assertThat(verified.getNumberOfPages()).isEqualTo(1);
            assertThat(verified.getDocumentInformation().getKeywords()).contains(data.get("reference_id").asText());
        }
        String publicPdf = shown.at("/documents/0/file_path").asText();
        assertThat(publicPdf).startsWith(vec.baseUrl());
        assertThat(get(null, publicPdf.substring(vec.baseUrl().length())).status()).isEqualTo(200);
        JsonNode verification = get(null, "/verify/" + data.get("reference_id").asText()).json();
        assertThat(verification.at("/status/value").asText()).isEqualTo("approved");
    }

    @Test
    void anImageUploadBecomesAVerifiedPdf() throws Exception {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB), "png", png);
        String uuid = upload(TOKEN, fields("Ada", "ada@example.com"), "certificate_file", "ada.png", png.toByteArray())
                .json().at("/data/uuid").asText();
        await().until(() -> vec.certificate(uuid).status().equals("approved"));
        try (PDDocument verified = Loader.loadPDF(get(TOKEN, VAULT + "/" + uuid + "/download").body())) {
            assertThat(verified.getPage(0).getMediaBox().getWidth()).isEqualTo(300);
        }
    }

    @Test
    void validationAnswersLaravelStyle422sAndDuplicatesAreRefused() throws Exception {
        Answer missing = upload(TOKEN, Map.of("full_name", "  ", "applicant_email", "not-an-email"),
                "certificate_file", "fake.pdf", "just text".getBytes(StandardCharsets.UTF_8));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("message").asText()).isEqualTo("The certificate title field is required. (and 3 more errors)");
        assertThat(missing.json().at("/errors/full_name/0").asText()).isEqualTo("The full name field is required.");
        assertThat(missing.json().at("/errors/applicant_email/0").asText())
                .isEqualTo("The applicant email field must be a valid email address.");
        assertThat(missing.json().at("/errors/certificate_file/0").asText())
                .isEqualTo("The certificate file field must be a file of type: pdf, jpg, jpeg, png.");

        Map<String, String> ada = fields("Ada Lovelace", "ada@example.com");
        assertThat(upload(TOKEN, ada, "certificate_file", "ada.pdf", PDF).status()).isEqualTo(201);
        Map<String, String> sameInOtherCase = fields("Ada Lovelace", "ADA@example.com");
        Answer duplicate = upload(TOKEN, sameInOtherCase, "certificate_file", "ada.pdf", PDF);
        assertThat(duplicate.status()).isEqualTo(422);
        assertThat(duplicate.json().get("message").asText())
                .isEqualTo("A vault certificate with this email, title, and issue date already exists");
        assertThat(vec.timesCreated("ada@example.com", "Certificate of Achievement")).isEqualTo(1);
        assertThat(vec.duplicatesRefused()).isEqualTo(1);
    }

    @Test
    void bulkUploadsFromFileIdsAllOrNothing() throws Exception {
        String first = uploadFile();
        String second = uploadFile();
        Answer unknown = bulk(Map.of("entries[0][certificate_title]", "Course", "entries[0][full_name]", "Ada",
                "entries[0][applicant_email]", "ada@example.com", "entries[0][file_id]", UUID.randomUUID().toString()));
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().get("message").asText()).isEqualTo("Some file_ids could not be resolved");
        assertThat(unknown.json().at("/errors/0").asText()).startsWith("Entry 0: file_id ").endsWith(" not found");

        Answer invalid = bulk(Map.of("entries[0][certificate_title]", "Course", "entries[0][file_id]", first));
        assertThat(invalid.json().at("/errors/entries.0.full_name/0").asText())
                .isEqualTo("The entries.0.full name field is required.");

        Map<String, String> two = entries(first, second);
        Answer accepted = bulk(two);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().at("/data/total").asInt()).isEqualTo(2);
        assertThat(accepted.json().at("/data/status").asText()).isEqualTo("processing");
        assertThat(get(TOKEN, VAULT + "?applicant_email=grace@example.com").json().at("/meta/total").asInt()).isEqualTo(1);

        Answer again = bulk(entries(uploadFile(), uploadFile()));
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.json().get("message").asText())
                .isEqualTo("A vault certificate with this email, title, and issue date already exists");
        assertThat(again.json().get("errors")).hasSize(2);
        assertThat(bulk(two).json().get("message").asText()).isEqualTo("Some file_ids could not be resolved");
        assertThat(vec.certificates()).hasSize(2).allMatch(c -> c.triggerContext().equals("bulk_upload"));
    }

    @Test
    void tokensAreCheckedThenTheirPermissions() throws Exception {
        Answer wrong = get("wrong-token", VAULT);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("message").asText()).isEqualTo("Unauthorized - Invalid API token");
        assertThat(wrong.header("X-RateLimit-Limit")).isNull();

        vec.addToken("read-only", Set.of("certificate-vault:list"));
        assertThat(get("read-only", VAULT).status()).isEqualTo(200);
        Answer forbidden = upload("read-only", fields("Ada", "ada@example.com"), "certificate_file", "a.pdf", PDF);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().get("message").asText()).isEqualTo("Forbidden - Insufficient permissions");
        assertThat(forbidden.json().get("required_permission").asText()).isEqualTo("certificate-vault:create");
        assertThat(vec.certificates()).isEmpty();
    }

    @Test
    void eachTokenIsThrottledWithLaravelsHeaders() throws Exception {
        vec.rateLimit(3, Duration.ofMinutes(1));
        vec.addToken("other", VecEmulator.ALL_PERMISSIONS);
        for (int i = 0; i < 3; i++) {
            assertThat(get(TOKEN, VAULT).header("X-RateLimit-Remaining")).isEqualTo(String.valueOf(2 - i));
        }
        Answer throttled = get(TOKEN, VAULT);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().get("message").asText()).isEqualTo("Too Many Attempts.");
        assertThat(throttled.header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 60);
        assertThat(throttled.header("X-RateLimit-Reset")).isNotNull();
        assertThat(get("other", VAULT).status()).isEqualTo(200);
        assertThat(vec.tooManyRequestsAnswered()).isEqualTo(1);

        vec.rateLimit(1, Duration.ofMillis(300));
        assertThat(get(TOKEN, VAULT).status()).isEqualTo(200);
        assertThat(get(TOKEN, VAULT).status()).isEqualTo(429);
        Thread.sleep(350);
        assertThat(get(TOKEN, VAULT).status()).isEqualTo(200);
    }

    @Test
    void failedProcessingCanBeRetriedAndOnlyThen() throws Exception {
        vec.failNextProcessing(1);
        String uuid = upload(TOKEN, fields("Ada", "ada@example.com"), "certificate_file", "a.pdf", PDF)
                .json().at("/data/uuid").asText();
        Answer tooEarly = post(TOKEN, VAULT + "/" + uuid + "/retry");
        assertThat(tooEarly.status()).isEqualTo(400);
        await().until(() -> vec.certificate(uuid).status().equals("failed"));
        assertThat(get(TOKEN, VAULT + "?status=failed").json().at("/meta/total").asInt()).isEqualTo(1);

        Answer retried = post(TOKEN, VAULT + "/" + uuid + "/retry");
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.json().at("/data/status/value").asText()).isEqualTo("processing");
        await().until(() -> vec.certificate(uuid).status().equals("approved"));
        await().until(() -> received.size() == 4);
        assertThat(received.stream().map(hook -> event(hook.getValue()))).containsExactly(
                "certificate_application.created", "certificate_application.failed",
                "certificate_application.retried", "certificate_application.approved");

        byte[] brokenPdf = "%PDF-1.7\nnot really a pdf".getBytes(StandardCharsets.US_ASCII);
        String broken = upload(TOKEN, fields("Bob", "bob@example.com"), "certificate_file", "b.pdf", brokenPdf)
                .json().at("/data/uuid").asText();
        await().until(() -> vec.certificate(broken).status().equals("failed"));
    }

    @Test
    void webhooksAreRetriedThreeTimesOnNon2xx() throws Exception {
        receiverStatuses.addAll(List.of(500, 502, 503, 500, 500));
        String uuid = upload(TOKEN, fields("Ada", "ada@example.com"), "certificate_file", "a.pdf", PDF)
                .json().at("/data/uuid").asText();
        // only this upload's: a delivery of an earlier test's certificate may still be retried meanwhile
        await().until(() -> createdOf(uuid).size() == 4);
        List<WebhookDelivery> created = createdOf(uuid);
        assertThat(created).extracting(WebhookDelivery::attempt).containsExactly(1, 2, 3, 4);
        assertThat(created).extracting(WebhookDelivery::body).containsOnly(created.get(0).body());
    }

    private List<WebhookDelivery> createdOf(String uuid) {
        return vec.webhookDeliveries().stream()
                .filter(d -> d.event().endsWith("created") && d.uuid().equals(uuid)).toList();
    }

    @Test
    void theListFiltersSearchesAndPaginatesLikeLaravel() throws Exception {
        vec.processingTime(Duration.ofMinutes(10));
        for (String name : List.of("Ada Lovelace", "Grace Hopper", "Alan Turing")) {
            upload(TOKEN, fields(name, name.split(" ")[0].toLowerCase() + "@example.com"), "certificate_file", "c.pdf", PDF);
        }
        JsonNode page = get(TOKEN, VAULT + "?per_page=2&search=example").json();
        assertThat(page.get("data")).hasSize(2);
        assertThat(page.at("/data/0/full_name").asText()).isEqualTo("Alan Turing");
        assertThat(page.at("/meta/last_page").asInt()).isEqualTo(2);
        assertThat(page.at("/meta/total").asInt()).isEqualTo(3);
        assertThat(page.at("/links/next").asText()).isEqualTo(vec.baseUrl() + VAULT + "?per_page=2&search=example&page=2");
        assertThat(get(TOKEN, VAULT + "?search=hopper").json().at("/data/0/applicant_email").asText())
                .isEqualTo("grace@example.com");
        String reference = vec.certificates().get(0).referenceId();
        assertThat(get(TOKEN, VAULT + "?search=" + reference).json().at("/meta/total").asInt()).isEqualTo(1);
        assertThat(get(TOKEN, VAULT + "?per_page=101").status()).isEqualTo(422);
        assertThat(get(TOKEN, "/business/certificate-templates").json().get("data")).hasSize(1);
    }

    @Test
    void outagesAndServerErrorsAnswerAsConfigured() throws Exception {
        vec.serverErrorNext(1);
        Answer error = get(TOKEN, VAULT);
        assertThat(error.status()).isEqualTo(500);
        assertThat(error.json().get("error_code").asText()).isEqualTo("SERVER_ERROR");
        vec.outage();
        assertThat(get(TOKEN, VAULT).status()).isEqualTo(503);
        vec.restore();
        assertThat(get(TOKEN, VAULT).status()).isEqualTo(200);
    }

    // ---- helpers ----

    private static Map<String, String> fields(String fullName, String email) {
        return Map.of("certificate_title", "Certificate of Achievement", "full_name", fullName,
                "applicant_email", email, "issue_date", "2026-06-01");
    }

    private static Map<String, String> entries(String firstFileId, String secondFileId) {
        return Map.of("entries[0][certificate_title]", "Course", "entries[0][full_name]", "Ada",
                "entries[0][applicant_email]", "ada@example.com", "entries[0][file_id]", firstFileId,
                "entries[1][certificate_title]", "Course", "entries[1][full_name]", "Grace",
                "entries[1][applicant_email]", "grace@example.com", "entries[1][file_id]", secondFileId);
    }

    private static String uploadFile() throws Exception {
        Answer answer = upload(TOKEN, Map.of(), "file", "bulk.pdf", PDF);
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.json().at("/data/size").asInt()).isEqualTo(PDF.length);
        assertThat(answer.json().at("/data/mime_type").asText()).isEqualTo("application/pdf");
        return answer.json().at("/data/file_id").asText();
    }

    private static Answer bulk(Map<String, String> fields) throws Exception {
        return send(TOKEN, VAULT + "/bulk", multipart(fields, null, null, null));
    }

    private static Answer upload(String token, Map<String, String> fields, String fileField, String fileName,
                                 byte[] content) throws Exception {
        String path = fileField.equals("file") ? VAULT + "/upload-file" : VAULT;
        return send(token, path, multipart(fields, fileField, fileName, content));
    }

    private static Answer send(String token, String path, Map.Entry<String, byte[]> multipart) throws Exception {
        return call(request(token, path).header("Content-Type", multipart.getKey())
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart.getValue())));
    }

    private static Answer post(String token, String path) throws Exception {
        return call(request(token, path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static Answer get(String token, String path) throws Exception {
        return call(request(token, path).GET());
    }

    private static HttpRequest.Builder request(String token, String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(vec.baseUrl() + path)).header("Accept", "application/json");
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private static Answer call(HttpRequest.Builder request) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.headers().map(), response.body());
    }

    /** A multipart/form-data body: (Content-Type with boundary, bytes). */
    private static Map.Entry<String, byte[]> multipart(Map<String, String> fields, String fileField, String fileName,
                                                       byte[] content) {
        String boundary = "----certbridge" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        if (fileField != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                    + "\"; filename=\"" + fileName + "\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return Map.entry("multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    private static String event(byte[] payload) {
        try {
            return MAPPER.readTree(payload).get("event").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hmac(byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    /** A one-page PDF; PDFBox writes a binary comment after the header, so the bytes are not valid UTF-8. */
    private static byte[] pdf() {
        try (PDDocument document = new PDDocument()) {
            document.addPage(new PDPage());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
