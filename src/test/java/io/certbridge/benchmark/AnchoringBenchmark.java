package io.certbridge.benchmark;

import io.certbridge.CertbridgeApplication;
import io.certbridge.anchoring.EvmNode;
import io.certbridge.support.AnvilNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTest;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.FileSystemUtils;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * Anchoring on a local anvil node (one block a second): ten full windows of 1,000 and then of 10,000
 * certificates, issued in batches of 10,000, until every window is confirmed two blocks deep. Prints the
 * gas per anchor and per certificate and the transactions sent against ceil(certificates / window); and,
 * to compare, the gas of the same root sent to a minimal contract that logs it as an event.
 */
final class AnchoringBenchmark {

    private static final int WINDOWS = 10;
    private static final int BATCH = 10_000;

    void run() throws Exception {
        try (AnvilNode chain = new AnvilNode("--block-time", "1")) {
            for (int window : List.of(1_000, 10_000)) {
                windows(chain, window);
            }
            contractEvent(chain);
        }
    }

    private static void windows(AnvilNode chain, int window) throws Exception {
        Path data = Files.createTempDirectory("certbridge-anchoring-benchmark");
        try (ConfigurableApplicationContext hub = new SpringApplicationBuilder(CertbridgeApplication.class).run(
                "--server.port=0", "--certbridge.data-dir=" + data,
                "--certbridge.bootstrap-api-key=" + HubTest.BOOTSTRAP_KEY,
                "--certbridge.anchoring.rpc-urls[0]=" + chain.url(),
                "--certbridge.anchoring.private-key=" + AnvilNode.FUNDED_KEY,
                "--certbridge.anchoring.window=5s", "--certbridge.anchoring.window-size=" + window,
                "--certbridge.anchoring.confirmations=2", "--certbridge.anchoring.poll-interval-ms=500",
                "--certbridge.api.rate-limit-per-minute=1000000000", "--logging.level.root=WARN")) {
            ApiClient api = new ApiClient("http://127.0.0.1:" + hub.getEnvironment().getProperty("local.server.port"),
                    HubTest.BOOTSTRAP_KEY);
            String template = api.post("/v1/templates", Map.of("name", "Anchoring benchmark", "fields", List.of(
                            Map.of("name", "course", "type", "string", "required", true),
                            Map.of("name", "completed_on", "type", "date", "required", false))))
                    .body().get("id").asText();
            int certificates = WINDOWS * window;
            long start = System.nanoTime();
            for (int issued = 0; issued < certificates; issued += BATCH) {
                HubBenchmark.batch(api, template, Math.min(BATCH, certificates - issued));
            }
            double issuing = (System.nanoTime() - start) / 1e9;
            JdbcClient jdbc = hub.getBean(JdbcClient.class);
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
        } finally {
            FileSystemUtils.deleteRecursively(data);
        }
    }

    /**
     * The alternative to a transaction carrying the root as data: a call to a contract that logs it. The
     * contract (11 bytes: CALLDATACOPY the input to memory, LOG0 it) is the least any such contract does.
     */
    private static void contractEvent(AnvilNode chain) throws Exception {
        EvmNode node = new EvmNode(chain.url());
        Credentials key = Credentials.create(AnvilNode.FUNDED_KEY);
        String deploy = "0x600b600c600039600b6000f3" + "36600060003736600060a000";
        String contract = node.receipt(send(node, key, "", deploy)).map(r -> contractAddress(chain, r)).orElseThrow();
        String root = "0x" + "ab".repeat(32);
        long gas = node.receipt(send(node, key, contract, root)).orElseThrow().gasUsed();
        System.out.printf("anchoring alternative: the same 32-byte root logged by a minimal contract: %,d gas%n", gas);
    }

    private static String send(EvmNode node, Credentials key, String to, String data) throws InterruptedException {
        RawTransaction transaction = RawTransaction.createTransaction(node.pendingNonce(key.getAddress()),
                node.fees().baseFee().shiftLeft(1).add(BigInteger.TEN.pow(9)), BigInteger.valueOf(200_000), to,
                BigInteger.ZERO, data);
        String hash = node.broadcast(Numeric.toHexString(
                TransactionEncoder.signMessage(transaction, node.chainId(), key)));
        while (node.receipt(hash).isEmpty()) {
            Thread.sleep(100);
        }
        return hash;
    }

    private static String contractAddress(AnvilNode chain, EvmNode.Receipt receipt) {
        return chain.rpc("eth_getTransactionReceipt", receipt.transactionHash()).get("contractAddress").asText();
    }
}
