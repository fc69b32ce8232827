package io.certbridge.anchoring;

/**
 * Where a certificate stands on its way to the chain, as the API shows it: {@code pending} until a window
 * seals it, then {@code sealed} (its Merkle root is known and signed), {@code submitted} (a transaction
 * carries the root) and {@code confirmed} (that transaction is the configured number of blocks deep).
 * The chain fields are null until they are known.
 */
public record Anchor(String status, Long chainId, String network, String transactionHash, Long blockNumber,
                     String merkleRoot, Long confirmations) {

    public static final Anchor PENDING = new Anchor("pending", null, null, null, null, null, null);
}
