package io.certbridge.anchoring;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * certbridge.anchoring.*: live certificates are sealed in windows of at most {@code window} time or
 * {@code windowSize} certificates, always. Each window's root is anchored on an EVM chain once
 * {@code rpcUrls} and {@code privateKey} are set: sent through the first URL, looked up through each in
 * turn when a credential is verified.
 *
 * @param chainId        the chain the key is meant for; a node on another chain is refused (unset: the node's)
 * @param confirmations  blocks on top of the anchor's, itself included, before its certificates count as anchored
 * @param maxFeeGwei     the most the hub pays per gas, whatever the chain asks
 * @param stuckAfter     how long a transaction may wait unmined before it is replaced with a higher fee
 * @param sealIntervalMs how often due windows are sealed: often, so that each pass hashes few certificates and
 *                       never holds a core for long under load
 * @param pollIntervalMs how often the anchors sent are followed
 */
@Validated
@ConfigurationProperties("certbridge.anchoring")
public record AnchoringSettings(@NotNull Duration window, @Min(1) int windowSize, List<String> rpcUrls,
                                String privateKey, @Positive Long chainId, @Min(1) int confirmations,
                                @NotNull @Positive BigDecimal maxFeeGwei, @NotNull Duration stuckAfter,
                                @Positive long sealIntervalMs, @Positive long pollIntervalMs) {

    private static final Map<Long, String> NETWORKS = Map.of(1L, "ethereum", 11155111L, "sepolia", 17000L, "holesky",
            137L, "polygon", 80002L, "polygon-amoy", 10L, "optimism", 8453L, "base", 42161L, "arbitrum",
            31337L, "local", 1337L, "local");

    public AnchoringSettings {
        rpcUrls = rpcUrls == null ? List.of() : rpcUrls.stream().filter(url -> !url.isBlank()).toList();
    }

    /** Whether roots are sent to a chain, not only sealed. */
    public boolean anchors() {
        return !rpcUrls.isEmpty() && privateKey != null && !privateKey.isBlank();
    }

    public BigInteger maxFeePerGas() {
        return maxFeeGwei.movePointRight(9).toBigInteger();
    }

    public static String network(long chainId) {
        return NETWORKS.getOrDefault(chainId, "chain-" + chainId);
    }

    @Override
    public String toString() {
        return "AnchoringSettings[window=" + window + ", windowSize=" + windowSize + ", rpcUrls="
                + rpcUrls.stream().map(EvmNode::redacted).toList()
                + ", chainId=" + chainId + ", confirmations=" + confirmations + ", maxFeeGwei=" + maxFeeGwei + "]";
    }
}
