package io.certbridge.anchoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.AnvilNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubProcess;
import io.certbridge.support.SampleCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Anchoring through what goes wrong on a chain and in a hub: the node down and back, a stuck transaction,
 * a reorganisation, the hub killed mid-window and mid-anchoring, two hubs sharing one database, and more
 * certificates than a window holds. The hub runs in a JVM of its own; the
 * local anvil node mines only when a transaction arrives or the test mines, so each test decides when blocks
 * come.
 */
class AnchoringResilienceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Path work;
    private static AnvilNode chain;
    private static HubProcess hub;

    @BeforeAll
    static void start() throws Exception {
        work = Files.createTempDirectory("anchoring-resilience");
        chain = new AnvilNode();
        hub = startHub("1s");
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
        chain.close();
    }

    private static HubProcess startHub(String window, String... more) {
        return HubProcess.start(work.resolve("data"), work.resolve("hub.log"), anchoring(window, more));
    }

    private static String[] anchoring(String window, String... more) {
        return Stream.concat(Stream.of(
                "certbridge.anchoring.rpc-urls[0]=" + chain.url(),
                "certbridge.anchoring.private-key=" + AnvilNode.FUNDED_KEY,
                "certbridge.anchoring.chain-id=" + chain.chainId(),
                "certbridge.anchoring.window=" + window,
                "certbridge.anchoring.confirmations=3",
                "certbridge.anchoring.stuck-after=3s",
                "certbridge.anchoring.poll-interval-ms=200"), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void windowsSealedWhileTheNodeIsDownAreAnchoredWhenItIsBack() {
        chain.stop();
        // one batch, issued at once, so that the four share a window however slow the machine
        String template = SampleCertificates.issueBatch(hub.api(), 4);
        List<String> ids = SampleCertificates.ofTemplate(hub.api(), template).stream()
                .map(certificate -> certificate.get("id").asText()).toList();
        assertThat(ids).hasSize(4);
        ids.forEach(id -> anchorWithStatus(id, "sealed"));
        assertThat(anchor(ids.get(0)).get("status").asText()).isEqualTo("sealed");

        chain.start();
        anchorOf(ids.get(0), anchor -> anchor.hasNonNull("block_number"));
        chain.mine(2);

        JsonNode confirmed = anchorWithStatus(ids.get(0), "confirmed");
        assertThat(confirmed.get("confirmations").asLong()).isGreaterThanOrEqualTo(3);
        ids.forEach(id -> assertThat(anchor(id).get("transaction_hash")).isEqualTo(confirmed.get("transaction_hash")));
    }

    @Test
    void aStuckTransactionIsReplacedWithTheSameNonceAndAHigherFee() {
        chain.automine(false);
        String id = issue(2).get(0);
        String stuck = anchorOf(id, anchor -> anchor.hasNonNull("transaction_hash")).get("transaction_hash").asText();
        JsonNode stuckTransaction = chain.rpc("eth_getTransactionByHash", stuck);

        String replacement = anchorOf(id, anchor -> !stuck.equals(anchor.path("transaction_hash").asText()))
                .get("transaction_hash").asText();
        JsonNode replacementTransaction = chain.rpc("eth_getTransactionByHash", replacement);
        assertThat(replacementTransaction.get("nonce")).isEqualTo(stuckTransaction.get("nonce"));
        assertThat(wei(replacementTransaction.get("maxFeePerGas")))
                .isGreaterThanOrEqualTo(wei(stuckTransaction.get("maxFeePerGas")) * 9 / 8);
        assertThat(chain.rpc("eth_getTransactionByHash", stuck).isNull()).isTrue();

        chain.automine(true);
        chain.mine(3);
        JsonNode confirmed = anchorWithStatus(id, "confirmed");
        assertThat(confirmed.get("transaction_hash").asText()).isNotEqualTo(stuck);
        assertThat(chain.rpc("eth_getTransactionReceipt", stuck).isNull()).isTrue();
    }

    @Test
    void aReorganisationThatDropsTheAnchorAnchorsAgain() {
        String snapshot = chain.snapshot();
        String id = issue(2).get(0);
        JsonNode included = anchorOf(id, anchor -> anchor.hasNonNull("block_number"));
        long block = included.get("block_number").asLong();
        String blockHash = blockHash(block);

        chain.automine(false);
        chain.revert(snapshot);
        chain.mine(2);
        chain.automine(true);
        await().atMost(WAIT).until(() -> anchor(id).path("block_number").isNull()
                || anchor(id).path("block_number").asLong() != block);
        chain.mine(1);
        JsonNode again = anchorOf(id, anchor -> anchor.hasNonNull("block_number"));
        chain.mine(3);

        JsonNode confirmed = anchorWithStatus(id, "confirmed");
        assertThat(blockHash(block)).isNotEqualTo(blockHash);
        assertThat(confirmed.get("block_number").asLong()).isGreaterThan(block);
        assertThat(confirmed.get("block_number")).isEqualTo(again.get("block_number"));
        JsonNode receipt = chain.rpc("eth_getTransactionReceipt", confirmed.get("transaction_hash").asText());
        assertThat(receipt.get("blockHash").asText()).isEqualTo(blockHash(confirmed.get("block_number").asLong()));
    }

    @Test
    void aHubKilledMidWindowAndMidAnchoringAnchorsEachCertificateOnce() throws Exception {
        hub.close();
        hub = startHub("30s");
        List<String> ids = issue(6);
        hub.kill();

        hub = startHub("1s");
        JsonNode submitted = anchorOf(ids.get(0), anchor -> anchor.hasNonNull("block_number"));
        hub.kill();
        chain.mine(3);
        hub = startHub("1s");

        JsonNode confirmed = anchorWithStatus(ids.get(0), "confirmed");
        assertThat(confirmed.get("transaction_hash")).isEqualTo(submitted.get("transaction_hash"));
        for (String id : ids) {
            assertThat(anchor(id).get("merkle_root")).isEqualTo(confirmed.get("merkle_root"));
        }
        long nonce = Long.decode(chain.rpc("eth_getTransactionByHash", confirmed.get("transaction_hash").asText())
                .get("nonce").asText());

        String next = issue(1).get(0);
        String nextTransaction = anchorOf(next, anchor -> anchor.hasNonNull("block_number"))
                .get("transaction_hash").asText();
        assertThat(Long.decode(chain.rpc("eth_getTransactionByHash", nextTransaction).get("nonce").asText()))
                .isEqualTo(nonce + 1);
    }

    @Test
    void twoHubsOnOneDatabaseSendOneTransactionPerWindowWithoutSharingANonce() throws Exception {
        try (HubProcess second = HubProcess.startBeside(hub, work.resolve("second"), work.resolve("second.log"),
                anchoring("1s"))) {
            List<String> ids = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                ids.addAll(SampleCertificates.issue(hub.api(), 3));
                ids.addAll(SampleCertificates.issue(second.api(), 3));
                Thread.sleep(700);
            }
            ids.forEach(id -> anchorOf(id, anchor -> anchor.hasNonNull("block_number")));
            chain.mine(3);

            Map<String, String> transactionsByRoot = new HashMap<>();
            for (String id : ids) {
                JsonNode anchor = anchorWithStatus(id, "confirmed");
                String earlier = transactionsByRoot.putIfAbsent(anchor.get("merkle_root").asText(),
                        anchor.get("transaction_hash").asText());
                assertThat(earlier).isIn(null, anchor.get("transaction_hash").asText());
            }
            List<Long> nonces = transactionsByRoot.values().stream()
                    .map(hash -> Long.decode(chain.rpc("eth_getTransactionByHash", hash).get("nonce").asText()))
                    .sorted().toList();
            assertThat(transactionsByRoot).hasSizeGreaterThan(1);
            assertThat(nonces).doesNotHaveDuplicates();
            assertThat(nonces.get(nonces.size() - 1) - nonces.get(0)).isEqualTo(nonces.size() - 1);
        }
    }

    @Test
    void aWindowHoldsAtMostItsSizeTheRestWaitsForTheWindowToPassAndEveryCredentialIsAnchored() throws Exception {
        hub.close();
        hub = startHub("60s", "certbridge.anchoring.window-size=700");
        try {
            String template = SampleCertificates.issueBatch(hub.api(), 1_500);

            Map<String, Long> certificatesByRoot = await().atMost(WAIT).pollInterval(Duration.ofSeconds(1))
                    .until(() -> SampleCertificates.ofTemplate(hub.api(), template).stream()
                                    .collect(Collectors.groupingBy(c -> c.get("anchor").path("merkle_root")
                                            .asText("pending"), Collectors.counting())),
                            byRoot -> byRoot.size() == 3);
            assertThat(certificatesByRoot).containsEntry("pending", 100L);
            assertThat(certificatesByRoot.values()).containsExactlyInAnyOrder(700L, 700L, 100L);

            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
                chain.mine(1);
                return SampleCertificates.ofTemplate(hub.api(), template).stream()
                        .filter(c -> c.at("/anchor/status").asText().equals("confirmed")).count() == 1_400;
            });
            for (JsonNode certificate : SampleCertificates.ofTemplate(hub.api(), template)) {
                if (certificate.at("/anchor/status").asText().equals("confirmed")) {
                    JsonNode verification = hub.api().post("/v1/verify", certificate.get("credential")).body();
                    assertThat(verification.get("status").asText()).as(certificate.get("id").asText())
                            .isEqualTo("valid");
                    assertThat(certificate.at("/credential/proof/1/cryptosuite").asText())
                            .isEqualTo("merkle-proof-2019");
                }
            }
        } finally {
            hub.close();
            hub = startHub("1s");
        }
    }

    private static List<String> issue(int count) {
        return SampleCertificates.issue(hub.api(), count);
    }

    private static JsonNode anchor(String id) {
        return hub.api().get("/v1/certificates/" + id).body().get("anchor");
    }

    private static JsonNode anchorOf(String id, Predicate<JsonNode> reached) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> anchor(id), reached);
    }

    private static JsonNode anchorWithStatus(String id, String status) {
        return anchorOf(id, anchor -> status.equals(anchor.path("status").asText()));
    }

    private static String blockHash(long number) {
        return chain.rpc("eth_getBlockByNumber", "0x" + Long.toHexString(number), false).get("hash").asText();
    }

    private static long wei(JsonNode quantity) {
        return Long.decode(quantity.asText());
    }
}
