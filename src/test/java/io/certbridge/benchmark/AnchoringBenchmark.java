package io.certbridge.benchmark;

import io.certbridge.anchoring.AnchorTransactions;
import io.certbridge.anchoring.EvmNode;
import io.certbridge.support.AnvilNode;
import io.certbridge.support.ApiClient;
import java.math.BigInteger;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * Anchoring on a local anvil node (one block a second): ten full windows of 1,000 and then of 10,000
 * certificates (the default 60 s window), issued in batches of 10,000, until every window is confirmed two
 * blocks deep. Prints the gas per anchor and per certificate and the transactions sent against
 * ceil(certificates / window); and, to compare, the gas of a root sent as data and of the same root logged
 * by a minimal contract, on the current hardfork (Prague) and on the one before (Cancun).
 */
final class AnchoringBenchmark {

    private static final int WINDOWS = 10;
    private static final int BATCH = 10_000;

    void run() throws Exception {
        try (AnvilNode chain = new AnvilNode("--block-time", "1")) {
            for (int window : List.of(1_000, 10_000)) {
                windows(chain, window);
            }
        }
        for (String hardfork : List.of("prague", "cancun")) {
            try (AnvilNode chain = new AnvilNode("--hardfork", hardfork)) {
                rootAsDataOrEvent(chain, hardfork);
            }
        }
    }

    private static void windows(AnvilNode chain, int window) throws Exception {
        try (BenchmarkHub hub = BenchmarkHub.start("certbridge.anchoring.rpc-urls[0]=" + chain.url(),
                "certbridge.anchoring.private-key=" + AnvilNode.FUNDED_KEY,
                "certbridge.anchoring.window-size=" + window, "certbridge.anchoring.confirmations=2",
                "certbridge.anchoring.poll-interval-ms=500")) {
            ApiClient api = hub.api();
            String template = hub.template();
            int certificates = WINDOWS * window;
            long start = System.nanoTime();
            for (int issued = 0; issued < certificates; issued += BATCH) {
                HubBenchmark.batch(api, template, Math.min(BATCH, certificates - issued));
            }
            double issuing = (System.nanoTime() - start) / 1e9;
            JdbcClient jdbc = hub.context().getBean(JdbcClient.class);
            while (jdbc.sql("""
                    select (select count(*) from certificates where anchor_window_id is null)
                         + (select count(*) from anchor_windows where status <> 'confirmed')""")
                    .query(Long.class).single() > 0) {
                Thread.sleep(200);
            }
            double anchored = (System.nanoTime() - start) / 1e9;
            List<String> transactions = jdbc.sql("select transaction_hash from anchor_windows order by seq")
                    .query(String.class).list();
            EvmNode node = new EvmNode(chain.url());
            long gas = transactions.stream().mapToLong(hash -> node.receipt(hash).orElseThrow().gasUsed()).sum();
            System.out.printf("anchoring, windows of %,d: %,d certificates issued in %.1f s, all confirmed (2 blocks) "
                            + "%.1f s after the first was issued; %d transactions (at most ceil(%,d / %,d) = %d); "
                            + "%,.0f gas per anchor, %.2f gas per certificate%n",
                    window, certificates, issuing, anchored, transactions.size(), certificates, window,
                    (certificates + window - 1) / window, gas / (double) transactions.size(),
                    gas / (double) certificates);
        }
    }

    /**
     * The alternative to a transaction carrying the root as data: a call to a contract that logs it. The
     * contract (11 bytes: CALLDATACOPY the input to memory, LOG0 it) is the least any such contract does.
     */
    private static void rootAsDataOrEvent(AnvilNode chain, String hardfork) throws Exception {
        EvmNode node = new EvmNode(chain.url());
        Credentials key = Credentials.create(AnvilNode.FUNDED_KEY);
        byte[] root = new byte[32];
        java.util.Arrays.fill(root, (byte) 0xab);
        EvmNode.Fees fees = node.fees();
        AnchorTransactions.SignedAnchor anchor = AnchorTransactions.sign(key, node.chainId(),
                node.pendingNonce(key.getAddress()), root, fees.priorityFee(), fees.baseFee().shiftLeft(1).add(fees.priorityFee()));
        node.broadcast(anchor.raw());
        long asData = mined(node, anchor.hash()).gasUsed();
        String deploy = "0x600b600c600039600b6000f3" + "366000600037366000a000";
        String contract = contractAddress(chain, mined(node, send(node, key, "", deploy)));
        long asEvent = mined(node, send(node, key, contract, Numeric.toHexString(root))).gasUsed();
        System.out.printf("anchoring, one 32-byte root on %s: %,d gas as transaction data (the hub's choice), "
                + "%,d gas logged as an event by a minimal contract%n", hardfork, asData, asEvent);
    }

    private static String send(EvmNode node, Credentials key, String to, String data) {
        RawTransaction transaction = RawTransaction.createTransaction(node.pendingNonce(key.getAddress()),
                node.fees().baseFee().shiftLeft(1).add(BigInteger.TEN.pow(9)), BigInteger.valueOf(200_000), to,
                BigInteger.ZERO, data);
        return node.broadcast(Numeric.toHexString(TransactionEncoder.signMessage(transaction, node.chainId(), key)));
    }

    private static EvmNode.Receipt mined(EvmNode node, String hash) throws InterruptedException {
        while (node.receipt(hash).isEmpty()) {
            Thread.sleep(100);
        }
        return node.receipt(hash).orElseThrow();
    }

    private static String contractAddress(AnvilNode chain, EvmNode.Receipt receipt) {
        return chain.rpc("eth_getTransactionReceipt", receipt.transactionHash()).get("contractAddress").asText();
    }
}
