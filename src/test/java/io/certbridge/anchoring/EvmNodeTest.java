package io.certbridge.anchoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.certbridge.anchoring.AnchorTransactions.SignedAnchor;
import io.certbridge.anchoring.EvmNode.Fees;
import io.certbridge.anchoring.EvmNode.Receipt;
import io.certbridge.support.AnvilNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

class EvmNodeTest {

    private static final Credentials KEY = Credentials.create(AnvilNode.FUNDED_KEY);
    private static final SecureRandom RANDOM = new SecureRandom();

    private static AnvilNode anvil;
    private static EvmNode node;

    @BeforeAll
    static void startAnvil() {
        anvil = new AnvilNode();
        node = new EvmNode(anvil.url());
    }

    @AfterAll
    static void stopAnvil() {
        anvil.close();
    }

    @Test
    void anAnchorIsMinedWithTheRootAsItsData() {
        byte[] root = root();
        SignedAnchor anchor = anchor(node, node.pendingNonce(KEY.getAddress()), root, node.fees());

        assertThat(node.broadcast(anchor.raw())).isEqualTo(anchor.hash());

        Receipt receipt = mined(node, anchor.hash());
        assertThat(receipt.succeeded()).isTrue();
        assertThat(receipt.from()).isEqualToIgnoringCase(KEY.getAddress());
        // anvil runs the latest hardfork: EIP-7623 charges 10 gas per calldata token, 21,000 + 10 × 4 × 32
        assertThat(receipt.gasUsed()).isEqualTo(22_280);
        EvmNode.Transaction tx = node.transaction(anchor.hash()).orElseThrow();
        assertThat(tx.input()).isEqualTo("0x" + HexFormat.of().formatHex(root));
        assertThat(tx.from()).isEqualToIgnoringCase(KEY.getAddress());
        assertThat(tx.blockHash()).isEqualTo(receipt.blockHash());
        assertThat(node.chainId()).isEqualTo(31337);
    }

    @Test
    void beforePragueAnAnchorCostsItsIntrinsicGas() {
        try (AnvilNode cancun = new AnvilNode("--hardfork", "cancun")) {
            EvmNode old = new EvmNode(cancun.url());
            SignedAnchor anchor = anchor(old, BigInteger.ZERO, root(), old.fees());

            old.broadcast(anchor.raw());

            // 21,000 + 16 × 32 non-zero bytes; the gas limit above it (the Prague floor) is refunded
            assertThat(mined(old, anchor.hash()).gasUsed()).isEqualTo(21_512);
        }
    }

    @Test
    void broadcastingTheSameTransactionAgainChangesNothing() {
        BigInteger nonce = node.pendingNonce(KEY.getAddress());
        SignedAnchor anchor = anchor(node, nonce, root(), node.fees());

        assertThat(node.broadcast(anchor.raw())).isEqualTo(anchor.hash());
        assertThat(node.broadcast(anchor.raw())).isEqualTo(anchor.hash());

        mined(node, anchor.hash());
        assertThat(node.broadcast(anchor.raw())).isEqualTo(anchor.hash());
        assertThat(Numeric.decodeQuantity(anvil.rpc("eth_getTransactionCount", KEY.getAddress(), "latest").asText()))
                .isEqualTo(nonce.add(BigInteger.ONE));
        assertThat(node.pendingNonce(KEY.getAddress())).isEqualTo(nonce.add(BigInteger.ONE));
    }

    @Test
    void aPendingTransactionIsReplacedByOneWithHigherFees() {
        anvil.automine(false);
        try {
            BigInteger nonce = node.pendingNonce(KEY.getAddress());
            SignedAnchor first = anchor(node, nonce, root(), node.fees());
            assertThat(node.broadcast(first.raw())).isEqualTo(first.hash());
            assertThat(node.broadcast(first.raw())).isEqualTo(first.hash());
            assertThat(node.receipt(first.hash())).isEmpty();
            assertThat(node.transaction(first.hash()).orElseThrow().blockNumber()).isNull();
            assertThat(node.pendingNonce(KEY.getAddress())).isEqualTo(nonce.add(BigInteger.ONE));

            // anvil wants any increase, geth 10% of both fee fields: the same fees are too little for both
            SignedAnchor same = AnchorTransactions.sign(KEY, node.chainId(), nonce, root(),
                    first.maxPriorityFeePerGas(), first.maxFeePerGas());
            assertThatThrownBy(() -> node.broadcast(same.raw())).isInstanceOf(EvmNode.Underpriced.class);

            SignedAnchor replacement = AnchorTransactions.sign(KEY, node.chainId(), nonce, root(),
                    AnchorTransactions.replacementFee(first.maxPriorityFeePerGas()),
                    AnchorTransactions.replacementFee(first.maxFeePerGas()));
            assertThat(node.broadcast(replacement.raw())).isEqualTo(replacement.hash());
            anvil.mine(1);

            mined(node, replacement.hash());
            assertThat(node.receipt(first.hash())).isEmpty();
        } finally {
            anvil.automine(true);
        }
    }

    @Test
    void aReorganisationShowsAsAnotherBlockAtTheReceiptsHeight() {
        String snapshot = anvil.snapshot();
        SignedAnchor anchor = anchor(node, node.pendingNonce(KEY.getAddress()), root(), node.fees());
        node.broadcast(anchor.raw());
        Receipt receipt = mined(node, anchor.hash());
        assertThat(node.blockHash(receipt.blockNumber())).contains(receipt.blockHash());

        anvil.revert(snapshot);
        anvil.mine(3);

        assertThat(node.blockHash(receipt.blockNumber())).get().isNotEqualTo(receipt.blockHash());
        assertThat(node.receipt(anchor.hash()).map(Receipt::blockHash)).isNotEqualTo(Optional.of(receipt.blockHash()));
    }

    @Test
    void aNonceThatAnotherMinedTransactionHoldsIsTaken() {
        BigInteger nonce = node.pendingNonce(KEY.getAddress());
        Fees fees = node.fees();
        mined(node, node.broadcast(anchor(node, nonce, root(), fees).raw()));

        SignedAnchor late = anchor(node, nonce, root(), fees);

        assertThatThrownBy(() -> node.broadcast(late.raw())).isInstanceOf(EvmNode.NonceTaken.class);
    }

    @Test
    void aStoppedNodeIsUnavailableAndAfterARestartKeepsItsChain() {
        SignedAnchor anchor = anchor(node, node.pendingNonce(KEY.getAddress()), root(), node.fees());
        node.broadcast(anchor.raw());
        Receipt receipt = mined(node, anchor.hash());

        anvil.stop();
        try {
            List<Consumer<EvmNode>> calls = List.of(EvmNode::chainId, n -> n.pendingNonce(KEY.getAddress()),
                    EvmNode::fees, n -> n.broadcast(anchor.raw()),
                    n -> n.receipt(anchor.hash()), EvmNode::latestBlockNumber, n -> n.blockHash(1),
                    n -> n.transaction(anchor.hash()));
            for (Consumer<EvmNode> call : calls) {
                long started = System.nanoTime();
                assertThatThrownBy(() -> call.accept(node)).isInstanceOf(EvmNode.Unavailable.class);
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(6));
            }
        } finally {
            anvil.start();
        }

        assertThat(node.receipt(anchor.hash())).contains(receipt);
        assertThat(node.blockHash(receipt.blockNumber())).contains(receipt.blockHash());
        assertThat(node.latestBlockNumber()).isGreaterThanOrEqualTo(receipt.blockNumber());
    }

    @Test
    void aServerThatIsNoNodeIsUnavailable() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/missing", exchange -> answer(exchange, 404, "application/json",
                "{\"errors\":[{\"message\":\"The specified resource does not exist.\"}]}"));
        server.createContext("/page", exchange -> answer(exchange, 200, "text/html", "<html>maintenance</html>"));
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            for (String path : List.of("/missing?key=secret", "/page?key=secret")) {
                assertThatThrownBy(() -> new EvmNode(base + path).chainId())
                        .isInstanceOf(EvmNode.Unavailable.class)
                        .message().contains(base).doesNotContain("secret");
            }
        } finally {
            server.stop(0);
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void feesHaveABaseFee() {
        Fees fees = node.fees();

        assertThat(fees.baseFee()).isPositive();
        assertThat(fees.priorityFee()).isPositive();
    }

    /** anvil mines right after it accepts a transaction, but the answer to eth_sendRawTransaction does not wait. */
    private static Receipt mined(EvmNode on, String hash) {
        return await().atMost(Duration.ofSeconds(5)).until(() -> on.receipt(hash), Optional::isPresent).orElseThrow();
    }

    private static SignedAnchor anchor(EvmNode on, BigInteger nonce, byte[] root, Fees fees) {
        BigInteger maxFee = fees.baseFee().shiftLeft(1).add(fees.priorityFee());
        return AnchorTransactions.sign(KEY, on.chainId(), nonce, root, fees.priorityFee(), maxFee);
    }

    /** A random root without zero bytes, so that its gas is known: 16 (or 4 tokens) per byte. */
    private static byte[] root() {
        byte[] root = new byte[32];
        do {
            RANDOM.nextBytes(root);
        } while (containsZero(root));
        return root;
    }

    private static boolean containsZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }
}
