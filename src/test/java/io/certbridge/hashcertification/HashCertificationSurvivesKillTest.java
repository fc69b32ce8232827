package io.certbridge.hashcertification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.support.AnvilNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubProcess;
import io.certbridge.support.OutsideSystems;
import io.certbridge.support.WebhookReceiver;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub is killed with SIGKILL while it seals, anchors and completes hash certifications, and started again, with
 * more asked of it then: every certification it accepted is completed, each of its hashes proved once by a root that
 * a transaction on the chain carries, and each announced by one callback (a callback cut short by the kill may be
 * sent again, under the same webhook-id).
 */
class HashCertificationSurvivesKillTest {

    private static final int BEFORE_KILL = 60;
    private static final int AFTER_RESTART = 20;
    private static final int FILES = 25;
    private static final HexFormat HEX = HexFormat.of();

    @TempDir
    Path work;

    private final AnvilNode chain = new AnvilNode("--block-time", "1");
    private final WebhookReceiver receiver = new WebhookReceiver();
    /** Each accepted certification's hashes, in order. */
    private final Map<String, List<String>> accepted = new HashMap<>();

    @AfterEach
    void stopOutsideSystems() {
        receiver.close();
        chain.close();
    }

    private HubProcess start() {
        return HubProcess.start(work.resolve("data"), Path.of("target", "hash-certification-kill-hub.log"),
                "certbridge.anchoring.rpc-urls[0]=" + chain.url(),
                "certbridge.anchoring.private-key=" + AnvilNode.FUNDED_KEY,
                "certbridge.anchoring.chain-id=" + chain.chainId(),
                "certbridge.anchoring.window=1s",
                "certbridge.anchoring.window-size=300",
                "certbridge.anchoring.confirmations=2",
                "certbridge.anchoring.poll-interval-ms=200",
                "certbridge.hash-certifications.poll-interval-ms=200",
                "certbridge.webhooks.allow-http=true",
                "certbridge.webhooks.allowed-networks[0]=127.0.0.1/32",
                "certbridge.webhooks.callback-secret=" + OutsideSystems.CALLBACK_SECRET);
    }

    private void certify(ApiClient api, int count) {
        for (int i = 0; i < count; i++) {
            ObjectNode body = ApiClient.json().createObjectNode().put("title", "Batch " + i)
                    .put("webhook_url", receiver.url());
            ArrayNode files = body.putArray("files");
            List<String> hashes = new ArrayList<>();
            for (int f = 0; f < FILES; f++) {
                String hash = sha256(UUID.randomUUID().toString());
                hashes.add(hash);
                files.addObject().put("file_name", "document-" + f + ".pdf").put("hash", hash);
            }
            ApiClient.Response created = api.post("/v1/hash-certifications", body);
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
            accepted.put(created.body().get("report_id").asText(), hashes);
        }
    }

    private Set<String> called() {
        Set<String> reports = new HashSet<>();
        receiver.received().forEach(callback -> reports.add(read(callback.body()).at("/data/report_id").asText()));
        return reports;
    }

    @Test
    void killedWhileCertifyingTheHubCompletesEveryCertificationOnceAndAnchorsEveryHashOnce() throws Exception {
        try (HubProcess hub = start()) {
            certify(hub.api(), BEFORE_KILL);
            await().atMost(Duration.ofSeconds(90)).until(() -> called().size() >= 5);
            hub.kill();
        }
        assertThat(called()).as("killed before every certification was completed").hasSizeLessThan(BEFORE_KILL);

        try (HubProcess hub = start()) {
            ApiClient api = hub.api();
            certify(api, AFTER_RESTART);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> called().containsAll(accepted.keySet()));
            Thread.sleep(1_000);

            Map<String, Set<String>> callbackIds = new HashMap<>();
            receiver.received().forEach(callback -> callbackIds.computeIfAbsent(read(callback.body())
                    .at("/data/report_id").asText(), id -> new HashSet<>()).add(callback.header("webhook-id")));
            Set<String> roots = new HashSet<>();
            Map<String, Map<Integer, String>> leavesByRoot = new HashMap<>();
            Map<String, Integer> treeSizes = new HashMap<>();
            for (Map.Entry<String, List<String>> certification : accepted.entrySet()) {
                assertThat(callbackIds.get(certification.getKey())).as("callbacks of " + certification.getKey())
                        .hasSize(1);
                JsonNode view = api.get("/v1/certifications/" + certification.getKey()).body();
                assertThat(view.get("status").asText()).isEqualTo("completed");
                JsonNode data = read(api.withKey(null).send("GET", local(api, view.at("/files/0/url").asText()),
                        null, Map.of()).raw().body());
                assertThat(data.get("files").findValuesAsText("hash")).isEqualTo(certification.getValue());
                for (JsonNode file : data.get("files")) {
                    assertThat(file.at("/anchor/transaction_hash").isTextual()).as(file.toString()).isTrue();
                    String root = file.get("merkle_root").asText();
                    assertThat(leavesByRoot.computeIfAbsent(root, r -> new HashMap<>())
                            .put(file.get("leaf_index").asInt(), file.get("hash").asText())).as("leaf proved twice")
                            .isNull();
                    treeSizes.put(root, file.get("tree_leaves").asInt());
                    roots.add(file.get("merkle_root").asText() + " " + file.at("/anchor/transaction_hash").asText());
                }
            }
            for (String root : roots) {
                String[] rootAndTransaction = root.split(" ");
                assertThat(chain.rpc("eth_getTransactionByHash", rootAndTransaction[1]).get("input").asText())
                        .isEqualTo("0x" + rootAndTransaction[0]);
            }
            assertEveryLeafProvedOnce(leavesByRoot, treeSizes);
            assertThat(treeSizes.values().stream().mapToInt(Integer::intValue).sum())
                    .as("every hash a leaf of one window, none of two").isEqualTo((BEFORE_KILL + AFTER_RESTART) * FILES);
        }
    }

    /**
     * Each root's leaves, by position, as the data documents prove them: a hash that joined two windows would leave
     * a leaf of one that no document proves.
     */
    private static void assertEveryLeafProvedOnce(Map<String, Map<Integer, String>> leavesByRoot,
                                                  Map<String, Integer> treeSizes) {
        for (Map.Entry<String, Map<Integer, String>> root : leavesByRoot.entrySet()) {
            assertThat(root.getValue().keySet()).as("the leaves of root " + root.getKey())
                    .hasSize(treeSizes.get(root.getKey()));
        }
    }

    private static String local(ApiClient api, String url) {
        URI link = URI.create(url);
        return link.getRawPath() + "?" + link.getRawQuery();
    }

    private static JsonNode read(String json) {
        try {
            return ApiClient.json().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
