package io.certbridge.hashcertification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.standardwebhooks.Webhook;
import io.certbridge.support.AnvilNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.OutsideSystems;
import io.certbridge.support.WebhookReceiver;
import io.certbridge.support.WebhookReceiver.Received;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * Hash certification on the hub's own anchoring, driven as a TrueScreen client drives TrueScreen (its documented
 * requests, answers and error codes, the API key in x-api-key), on the shared hub anchoring on a local anvil node.
 * What the hub says is checked independently: each Merkle path is folded here and the root looked up on the chain.
 */
class HashCertificationTest extends HubTestBase {

    private static final Duration COMPLETED = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final HexFormat HEX = HexFormat.of();

    private final AnvilNode chain = OutsideSystems.chain();

    @Value("${certbridge.public-base-url}")
    String publicBaseUrl;
    private final WebhookReceiver receiver = new WebhookReceiver();

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    @Test
    void aTrueScreenClientGetsItsHashesAnchoredWithProofsItCanCheckWithoutTheHub() throws Exception {
        byte[] contract = ("contract " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        byte[] annex = ("annex " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        ObjectNode body = request("Project Alpha documents certification",
                Map.of("contract.pdf", sha256(contract), "technical-attachment.pdf", sha256(annex)));
        body.put("webhook_url", receiver.url());
        body.putObject("metadata").put("case_number", "2024/001");

        ApiClient.Response created = trueScreenClient().post("/v1/hash-certifications", body);

        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String reportId = created.body().get("report_id").asText();
        assertThat(UUID.fromString(reportId)).isNotNull();
        assertThat(created.body().get("status").asText()).isEqualTo("pending");
        assertThat(created.body().get("title").asText()).isEqualTo("Project Alpha documents certification");
        assertThat(created.body().get("created_at").asText()).isNotBlank();

        JsonNode completed = await().atMost(COMPLETED).pollInterval(Duration.ofMillis(300))
                .until(() -> trueScreenClient().get("/v1/certifications/" + reportId).body(),
                        view -> view.get("status").asText().equals("completed"));
        assertThat(completed.get("files").findValuesAsText("type")).containsExactly("data", "report");

        JsonNode data = ApiClient.json().readTree(download(completed, "data"));
        assertThat(data.get("report_id").asText()).isEqualTo(reportId);
        assertThat(data.at("/metadata/case_number").asText()).isEqualTo("2024/001");
        assertThat(data.get("files").findValuesAsText("file_name"))
                .containsExactly("contract.pdf", "technical-attachment.pdf");
        for (JsonNode file : data.get("files")) {
            byte[] root = fold(HEX.parseHex(file.get("hash").asText()), file.get("merkle_path"));
            assertThat(HEX.formatHex(root)).isEqualTo(file.get("merkle_root").asText());
            JsonNode transaction = chain.rpc("eth_getTransactionByHash",
                    file.at("/anchor/transaction_hash").asText());
            assertThat(transaction.get("input").asText()).isEqualTo("0x" + file.get("merkle_root").asText());
            assertThat(Long.decode(transaction.get("blockNumber").asText()))
                    .isEqualTo(file.at("/anchor/block_number").asLong());
            assertThat(file.at("/anchor/chain_id").asLong()).isEqualTo(chain.chainId());
            assertThat(file.at("/anchor/anchored_at").asText()).isNotBlank();
        }
        assertThat(data.get("files").findValuesAsText("hash")).containsExactly(sha256(contract), sha256(annex));

        byte[] report = download(completed, "report");
        try (PDDocument pdf = Loader.loadPDF(report)) {
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            assertThat(text).contains("Project Alpha documents certification", reportId, "contract.pdf",
                    "2024/001");
            assertThat(text.replace(" ", "")).contains(sha256(contract), sha256(annex));
            ByteArrayOutputStream attached = new ByteArrayOutputStream();
            pdf.getDocumentCatalog().getNames().getEmbeddedFiles().getNames().get("data.json").getEmbeddedFile()
                    .createInputStream().transferTo(attached);
            assertThat(ApiClient.json().readTree(attached.toByteArray())).isEqualTo(data);
        }

        Received callback = await().atMost(Duration.ofSeconds(20))
                .until(receiver::received, received -> !received.isEmpty()).getFirst();
        new Webhook(OutsideSystems.CALLBACK_SECRET).verify(callback.body(), callback.headers());
        JsonNode envelope = ApiClient.json().readTree(callback.body());
        assertThat(envelope.get("type").asText()).isEqualTo("certification.completed");
        assertThat(envelope.at("/data/report_id").asText()).isEqualTo(reportId);
        assertThat(envelope.at("/data/status").asText()).isEqualTo("completed");
        assertThat(envelope.at("/data/files").findValuesAsText("type")).containsExactly("data", "report");
        Thread.sleep(500);
        assertThat(receiver.received()).as("one callback").hasSize(1);

        JsonNode byHash = anonymous().post("/v1/certifications/" + reportId + "/verify",
                Map.of("hash", sha256(annex).toUpperCase())).body();
        assertThat(byHash.get("included").asBoolean()).isTrue();
        assertThat(byHash.get("anchored").asBoolean()).isTrue();
        assertThat(byHash.get("file_name").asText()).isEqualTo("technical-attachment.pdf");
        JsonNode byFile = verifyFile(reportId, contract);
        assertThat(byFile.get("included").asBoolean()).isTrue();
        assertThat(byFile.get("file_name").asText()).isEqualTo("contract.pdf");
        assertThat(byFile.at("/anchor/transaction_hash").asText())
                .isEqualTo(data.at("/files/0/anchor/transaction_hash").asText());
        JsonNode altered = verifyFile(reportId, "contract, altered".getBytes(StandardCharsets.UTF_8));
        assertThat(altered.get("included").asBoolean()).isFalse();
        assertThat(altered.get("anchored").asBoolean()).isFalse();
    }

    @Test
    void hashesAndCertificatesShareAWindowAndBothAreProved() {
        String certificate = api().post("/v1/certificates", certificate(courseTemplate(), "mixed@example.org"))
                .body().get("id").asText();
        String reportId = trueScreenClient().post("/v1/hash-certifications",
                request("Beside a certificate", Map.of("a.txt", sha256("a".getBytes(StandardCharsets.UTF_8)))))
                .body().get("report_id").asText();

        await().atMost(COMPLETED).pollInterval(Duration.ofMillis(300)).until(() -> trueScreenClient()
                .get("/v1/certifications/" + reportId).body().get("status").asText().equals("completed"));
        await().atMost(COMPLETED).pollInterval(Duration.ofMillis(300)).until(() -> api()
                .get("/v1/certificates/" + certificate).body().at("/anchor/status").asText().equals("confirmed"));
        JsonNode credential = api().get("/v1/certificates/" + certificate).body().get("credential");
        assertThat(credential.get("proof")).as("an Ed25519 proof and the anchor's").hasSize(2);
        JsonNode verified = anonymous().post("/v1/verify", credential).body();
        assertThat(verified.get("valid").asBoolean()).as(verified.toPrettyString()).isTrue();
    }

    @Test
    void badRequestsAreRefusedWithTrueScreensCodes() {
        TrueScreenClient client = trueScreenClient();
        String hash = sha256("x".getBytes(StandardCharsets.UTF_8));

        assertProblem(client.post("/v1/hash-certifications", "{not json"), 400, "TS-001");
        assertProblem(client.post("/v1/hash-certifications", Map.of("title", "T", "files", "a.pdf")), 400, "TS-001");
        ApiClient.Response noTitle = client.post("/v1/hash-certifications",
                Map.of("files", List.of(Map.of("file_name", "a.pdf", "hash", hash))));
        assertProblem(noTitle, 400, "TS-002");
        assertThat(noTitle.body().get("errors").findValuesAsText("field")).containsExactly("title");
        ApiClient.Response shortHash = client.post("/v1/hash-certifications", Map.of("title", "T",
                "files", List.of(Map.of("file_name", "a.pdf", "hash", hash.substring(1)),
                        Map.of("file_name", "b.pdf", "hash", "z".repeat(64)))));
        assertProblem(shortHash, 400, "TS-002");
        assertThat(shortHash.body().get("errors").findValuesAsText("field"))
                .containsExactly("files[0].hash", "files[1].hash");
        ObjectNode tooMany = request("Too many", Map.of());
        ArrayNode files = (ArrayNode) tooMany.get("files");
        for (int i = 0; i <= 1_000; i++) {
            files.addObject().put("file_name", "f" + i).put("hash", hash);
        }
        assertProblem(client.post("/v1/hash-certifications", tooMany), 400, "TS-002");
        assertProblem(client.post("/v1/hash-certifications", request("Empty", Map.of())), 400, "TS-002");
        ObjectNode elsewhere = request("Callback to a loopback address the hub may not call", Map.of("a", hash));
        elsewhere.put("webhook_url", "http://[::1]:9/hook");
        ApiClient.Response refused = client.post("/v1/hash-certifications", elsewhere);
        assertProblem(refused, 400, "TS-002");
        assertThat(refused.body().get("errors").findValuesAsText("field")).containsExactly("webhook_url");

        assertProblem(client.get("/v1/certifications/" + UUID.randomUUID()), 404, "TS-010");
        assertProblem(anonymous().post("/v1/certifications/" + UUID.randomUUID() + "/verify", Map.of("hash", hash)),
                404, "TS-010");
        assertProblem(keyWith("test", "certificates:write").post("/v1/hash-certifications",
                request("Test key", Map.of("a", hash))), 403, "live_key_required");
        assertProblem(anonymous().post("/v1/hash-certifications", request("No key", Map.of("a", hash))), 401,
                "missing_api_key");
    }

    @Test
    void aDocumentLinkWorksOnlyAsTheHubSignedItAndUntilItExpires() throws Exception {
        String reportId = trueScreenClient().post("/v1/hash-certifications",
                request("Links", Map.of("a.txt", sha256("links".getBytes(StandardCharsets.UTF_8)))))
                .body().get("report_id").asText();
        JsonNode completed = await().atMost(COMPLETED).pollInterval(Duration.ofMillis(300))
                .until(() -> trueScreenClient().get("/v1/certifications/" + reportId).body(),
                        view -> view.get("status").asText().equals("completed"));
        String url = completed.get("files").get(0).get("url").asText();
        assertThat(fetch(url).statusCode()).isEqualTo(200);
        assertThat(fetch(url.replace("/files/data", "/files/report")).statusCode()).isEqualTo(403);
        assertThat(fetch(url.replaceAll("expires=\\d+", "expires=4102444800")).statusCode()).isEqualTo(403);
        assertThat(fetch(url.replaceAll("expires=\\d+", "expires=1000000000")).statusCode()).isEqualTo(403);
    }

    /** A client sending the key in x-api-key, as TrueScreen's clients do. */
    private TrueScreenClient trueScreenClient() {
        return new TrueScreenClient(api());
    }

    private record TrueScreenClient(ApiClient api) {

        ApiClient.Response post(String path, Object body) {
            return api.withKey(null).post(path, body, Map.of("x-api-key", api.key()));
        }

        ApiClient.Response get(String path) {
            return api.withKey(null).send("GET", path, null, Map.of("x-api-key", api.key()));
        }
    }

    private static ObjectNode request(String title, Map<String, String> hashesByName) {
        ObjectNode body = ApiClient.json().createObjectNode().put("title", title);
        ArrayNode files = body.putArray("files");
        hashesByName.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> files.addObject().put("file_name", e.getKey()).put("hash", e.getValue()));
        return body;
    }

    private static void assertProblem(ApiClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().get("code").asText()).isEqualTo(code);
    }

    private JsonNode verifyFile(String reportId, byte[] content) throws Exception {
        String boundary = "----certbridge" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(api().baseUrl() + "/v1/certifications/" + reportId + "/verify"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ApiClient.json().readTree(response.body());
    }

    private byte[] download(JsonNode certification, String type) throws Exception {
        for (JsonNode file : certification.get("files")) {
            if (file.get("type").asText().equals(type)) {
                HttpResponse<byte[]> response = fetch(file.get("url").asText());
                assertThat(response.statusCode()).isEqualTo(200);
                return response.body();
            }
        }
        throw new AssertionError("no " + type + " in " + certification);
    }

    /**
     * A presigned URL is fetched with no key at all, from the hub under test: its links name the hub's public base
     * URL, which the tests' hub does not listen on.
     */
    private HttpResponse<byte[]> fetch(String url) throws Exception {
        URI link = URI.create(url);
        assertThat(link.getScheme() + "://" + link.getAuthority()).isEqualTo(publicBaseUrl);
        return HTTP.send(HttpRequest.newBuilder(URI.create(api().baseUrl() + link.getRawPath() + "?"
                + link.getRawQuery())).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Folds a data document's Merkle path, as its merkle_tree member describes. */
    private static byte[] fold(byte[] leaf, JsonNode path) throws Exception {
        byte[] node = leaf;
        for (JsonNode step : path) {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            if (step.has("left")) {
                sha256.update(HEX.parseHex(step.get("left").asText()));
                sha256.update(node);
            } else {
                sha256.update(node);
                sha256.update(HEX.parseHex(step.get("right").asText()));
            }
            node = sha256.digest();
        }
        return node;
    }

    private static String sha256(byte[] content) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
