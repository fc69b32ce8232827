package io.certbridge.anchoring;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.exceptions.ClientConnectionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * One EVM node, reached at one JSON-RPC URL.
 *
 * <p>Requests go through web3j's {@link HttpService}, but results are read as JSON rather than with web3j's typed
 * responses: those of web3j 5.0.0 (a 2020 build) know nothing of London, so they have no base fee and no
 * {@code maxFeePerGas}.
 */
public final class EvmNode {

    /** Fails fast when the node is down: callers retry later, perhaps with another node. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** What to offer validators when the node cannot suggest a tip (it lacks {@code eth_maxPriorityFeePerGas}). */
    private static final BigInteger DEFAULT_PRIORITY_FEE = BigInteger.valueOf(1_000_000_000L);

    /** The node cannot be reached, or answered with an error this client cannot interpret: try again later. */
    public static class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The nonce of a broadcast transaction is already used by another transaction that the chain holds. */
    public static final class NonceTaken extends RuntimeException {
        public NonceTaken(String message) {
            super(message);
        }
    }

    /** The node wants higher fees, typically to replace a pending transaction with the same nonce. */
    public static final class Underpriced extends RuntimeException {
        public Underpriced(String message) {
            super(message);
        }
    }

    public record Fees(BigInteger baseFee, BigInteger priorityFee) {
    }

    public record Receipt(String transactionHash, long blockNumber, String blockHash, long gasUsed,
            boolean succeeded, String from) {
    }

    /** A transaction as the node knows it; {@code blockNumber} and {@code blockHash} are null while it is pending. */
    public record Transaction(String hash, String from, String input, BigInteger nonce, Long blockNumber,
            String blockHash, BigInteger maxFeePerGas) {
    }

    private final String url;
    private final HttpService service;

    public EvmNode(String url) {
        this.url = redacted(url);
        this.service = new HttpService(url, new OkHttpClient.Builder()
                .connectTimeout(TIMEOUT).readTimeout(TIMEOUT).writeTimeout(TIMEOUT).callTimeout(TIMEOUT).build());
    }

    /** The node's address without path or query, which RPC providers use for API keys: what messages show. */
    public String url() {
        return url;
    }

    static String redacted(String url) {
        try {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException e) {
            return "the configured RPC URL";
        }
    }

    public long chainId() {
        return quantity(call("eth_chainId")).longValueExact();
    }

    public BigInteger pendingNonce(String address) {
        return quantity(call("eth_getTransactionCount", address, "pending"));
    }

    public long latestBlockNumber() {
        return quantity(call("eth_blockNumber")).longValueExact();
    }

    public Fees fees() {
        return new Fees(baseFee(), priorityFee());
    }

    private BigInteger baseFee() {
        Response<JsonNode> pending = send("eth_getBlockByNumber", "pending", false);
        if (!pending.hasError() && present(pending.getResult()) && pending.getResult().hasNonNull("baseFeePerGas")) {
            return quantity(pending.getResult().get("baseFeePerGas"));
        }
        JsonNode latest = call("eth_getBlockByNumber", "latest", false);
        if (!present(latest) || !latest.hasNonNull("baseFeePerGas")) {
            throw new Unavailable(url + " gives no base fee: the chain does not have EIP-1559", null);
        }
        return quantity(latest.get("baseFeePerGas"));
    }

    private BigInteger priorityFee() {
        Response<JsonNode> suggested = send("eth_maxPriorityFeePerGas");
        return suggested.hasError() ? DEFAULT_PRIORITY_FEE : quantity(suggested.getResult());
    }

    /**
     * Sends a signed transaction and returns its hash. Sending the same bytes again is harmless: a node that
     * already has the transaction, pending or mined, counts as having accepted it.
     *
     * @throws NonceTaken when another transaction holds the nonce on the chain
     * @throws Underpriced when the node wants higher fees (a replacement needs a bump of both fee fields)
     */
    public String broadcast(String signedRawHex) {
        String hash = Numeric.toHexString(Hash.sha3(Numeric.hexStringToByteArray(signedRawHex)));
        Response<JsonNode> answer = send("eth_sendRawTransaction", signedRawHex);
        if (!answer.hasError()) {
            return answer.getResult().asText();
        }
        String refusal = answer.getError().getMessage();
        // geth "already known", Besu TRANSACTION_ALREADY_KNOWN, Nethermind AlreadyKnown, anvil "already imported"
        String reason = String.valueOf(refusal).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        if (reason.contains("alreadyknown") || reason.contains("knowntransaction")
                || reason.contains("alreadyimported")) {
            return hash;
        }
        if (reason.contains("noncetoolow") || reason.contains("nonceistoolow") || reason.contains("oldnonce")) {
            // nodes say the same of this very transaction once it is mined
            if (transaction(hash).isPresent()) {
                return hash;
            }
            throw new NonceTaken(url + " refused " + hash + ": " + refusal);
        }
        if (reason.contains("underpriced") || reason.contains("lessthanblockbasefee")) {
            throw new Underpriced(url + " refused " + hash + ": " + refusal);
        }
        throw unavailable("eth_sendRawTransaction", answer.getError());
    }

    public Optional<Receipt> receipt(String txHash) {
        JsonNode receipt = call("eth_getTransactionReceipt", txHash);
        if (!present(receipt)) {
            return Optional.empty();
        }
        return Optional.of(new Receipt(receipt.get("transactionHash").asText(),
                quantity(receipt.get("blockNumber")).longValueExact(), receipt.get("blockHash").asText(),
                quantity(receipt.get("gasUsed")).longValueExact(),
                receipt.hasNonNull("status") && quantity(receipt.get("status")).equals(BigInteger.ONE),
                receipt.get("from").asText()));
    }

    /** The hash of the block at this height on the node's canonical chain now; empty if the chain is shorter. */
    public Optional<String> blockHash(long number) {
        JsonNode block = call("eth_getBlockByNumber", Numeric.toHexStringWithPrefix(BigInteger.valueOf(number)), false);
        return present(block) ? Optional.of(block.get("hash").asText()) : Optional.empty();
    }

    public Optional<Transaction> transaction(String txHash) {
        JsonNode tx = call("eth_getTransactionByHash", txHash);
        if (!present(tx)) {
            return Optional.empty();
        }
        boolean mined = tx.hasNonNull("blockHash");
        // a legacy transaction has no maxFeePerGas: its gas price is what it pays at most
        JsonNode maxFee = tx.hasNonNull("maxFeePerGas") ? tx.get("maxFeePerGas") : tx.get("gasPrice");
        return Optional.of(new Transaction(tx.get("hash").asText(), tx.get("from").asText(), tx.get("input").asText(),
                quantity(tx.get("nonce")), mined ? quantity(tx.get("blockNumber")).longValueExact() : null,
                mined ? tx.get("blockHash").asText() : null, quantity(maxFee)));
    }

    private JsonNode call(String method, Object... params) {
        Response<JsonNode> answer = send(method, params);
        if (answer.hasError()) {
            throw unavailable(method, answer.getError());
        }
        return answer.getResult();
    }

    private Response<JsonNode> send(String method, Object... params) {
        try {
            return new Request<>(method, List.of(params), service, JsonResponse.class).send();
        } catch (IOException | ClientConnectionException e) {
            // ClientConnectionException: an HTTP answer other than 2xx, such as a proxy's 404 or 502
            throw new Unavailable(method + " at " + url + " failed: " + e.getMessage(), e);
        }
    }

    private Unavailable unavailable(String method, Response.Error error) {
        return new Unavailable(method + " at " + url + " answered " + error.getCode() + " " + error.getMessage(), null);
    }

    private static boolean present(JsonNode result) {
        return result != null && !result.isNull();
    }

    private BigInteger quantity(JsonNode hex) {
        if (hex == null || !hex.isTextual()) {
            throw new Unavailable(url + " answered " + hex + " where a hex quantity belongs", null);
        }
        return Numeric.decodeQuantity(hex.asText());
    }

    /** A JSON-RPC response whose result is kept as JSON. */
    private static final class JsonResponse extends Response<JsonNode> {
    }
}
