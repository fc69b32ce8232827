package io.certbridge.verification;

import io.certbridge.anchoring.AnchoringSettings;
import io.certbridge.anchoring.EvmNode;
import io.certbridge.anchoring.MerkleProof2019;
import io.certbridge.anchoring.MerkleTree;
import io.certbridge.anchoring.SignedAnchors;
import io.certbridge.credential.AnchoredHash;
import io.certbridge.credential.InvalidCredentialException;
import jakarta.json.JsonObject;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Checks a credential's MerkleProof2019 anchor, when it has one: the credential as it stood before the
 * anchor proof hashes to the proof's leaf, the Merkle path folds that leaf to the root, and the root is
 * what the named transaction carries, in a block of the named chain, sent by the account the proof names.
 * The chain is asked through the configured RPC URLs, each in turn until one answers for that chain. A chain
 * that cannot be asked leaves the anchor unchecked, which the check says, without making the credential
 * invalid: its signature stands on its own.
 */
@Component
class AnchorCheck {

    private static final String NAME = "anchor";
    private static final Pattern EVM_ACCOUNT = Pattern.compile("^(.+)#eip155:(\\d{1,18}):(0x[0-9a-fA-F]{40})$");

    private final List<EvmNode> nodes;
    /** The chain each node serves, asked once: it does not change, and verifying should not ask it every time. */
    private final Map<EvmNode, Long> chainIds = new ConcurrentHashMap<>();
    private final SignedAnchors hubAnchors;

    AnchorCheck(AnchoringSettings settings, SignedAnchors hubAnchors) {
        this.nodes = settings.rpcUrls().stream().map(EvmNode::new).toList();
        this.hubAnchors = hubAnchors;
    }

    /**
     * The outcome of the anchor check, or empty when the credential has no anchor proof. The anchor of a credential
     * of this hub must come from an account this hub anchors with; of another issuer, nothing ties the sending
     * account to it, so its anchor is shown but does not count.
     */
    Optional<CheckOutcome> check(JsonObject credential, String issuerId, boolean ownIssuer) {
        return Format.proof(credential, MerkleProof2019.CRYPTOSUITE)
                .map(proof -> check(credential, proof, issuerId, ownIssuer));
    }

    private CheckOutcome check(JsonObject credential, JsonObject proof, String issuerId, boolean ownIssuer) {
        MerkleProof2019.Receipt receipt;
        byte[] localHash;
        try {
            receipt = MerkleProof2019.decode(proof.getString("proofValue", ""));
            localHash = AnchoredHash.targetOf(credential, proof);
        } catch (InvalidCredentialException e) {
            return invalid("the anchor proof cannot be read: " + e.getMessage());
        }
        if (!Arrays.equals(localHash, receipt.targetHash())) {
            return invalid("the credential's hash is not the leaf its anchor proof names: it changed after it was "
                    + "anchored");
        }
        if (!Arrays.equals(MerkleTree.fold(localHash, receipt.path()), receipt.merkleRoot())) {
            return invalid("the Merkle path does not lead from the credential's hash to the root "
                    + hex(receipt.merkleRoot()));
        }
        if (receipt.anchors().isEmpty()) {
            return invalid("the anchor proof names no transaction");
        }
        MerkleProof2019.Anchor anchor = receipt.anchors().get(0);
        Matcher account = EVM_ACCOUNT.matcher(proof.getString("verificationMethod", ""));
        if (!account.matches() || !account.group(1).equals(issuerId)
                || Long.parseLong(account.group(2)) != anchor.chainId()) {
            return invalid("the anchor proof's verificationMethod must name an account of the issuer " + issuerId
                    + " on chain " + anchor.chainId() + " (#eip155:<chain>:<address>)");
        }
        String sender = account.group(3).toLowerCase(Locale.ROOT);
        if (ownIssuer && !hubAnchors.senders(anchor.chainId()).contains(sender)) {
            return invalid("the anchor names " + sender + ", which is not an account this hub anchors with");
        }
        for (EvmNode node : nodes) {
            try {
                if (chainIds.computeIfAbsent(node, EvmNode::chainId) != anchor.chainId()) {
                    continue;
                }
                CheckOutcome onChain = onChain(node, anchor, receipt.merkleRoot(), sender);
                return ownIssuer || !onChain.check().passed() ? onChain
                        : new CheckOutcome(new Verification.Check(NAME, false, onChain.check().detail()
                                + "; nothing ties that account to the issuer, so the anchor does not count"), null);
            } catch (EvmNode.Unavailable e) {
                // the next URL may answer
            }
        }
        return new CheckOutcome(new Verification.Check(NAME, false, "the Merkle path leads to the root "
                + hex(receipt.merkleRoot()) + ", but no configured RPC URL of chain " + anchor.chainId()
                + " answered, so transaction " + anchor.transactionHash() + " was not checked"), null);
    }

    private static CheckOutcome onChain(EvmNode node, MerkleProof2019.Anchor anchor, byte[] root, String sender) {
        String where = " on chain " + anchor.chainId() + " (" + AnchoringSettings.network(anchor.chainId()) + ")";
        Optional<EvmNode.Transaction> found = node.transaction(anchor.transactionHash());
        if (found.isEmpty() || found.get().blockNumber() == null) {
            return invalid("transaction " + anchor.transactionHash() + " is not in any block" + where);
        }
        EvmNode.Transaction transaction = found.get();
        if (!("0x" + hex(root)).equalsIgnoreCase(transaction.input())) {
            return invalid("transaction " + anchor.transactionHash() + where + " does not carry the root " + hex(root));
        }
        if (!sender.equalsIgnoreCase(transaction.from())) {
            return invalid("transaction " + anchor.transactionHash() + where + " was sent by " + transaction.from()
                    + ", not by the account the anchor proof names");
        }
        long confirmations = node.latestBlockNumber() - transaction.blockNumber() + 1;
        return CheckOutcome.passed(NAME, "the Merkle path leads to the root " + hex(root) + ", which transaction "
                + anchor.transactionHash() + " from " + transaction.from() + " carries in block "
                + transaction.blockNumber() + where + ", " + confirmations + " confirmations deep");
    }

    private static CheckOutcome invalid(String detail) {
        return CheckOutcome.failed(NAME, "invalid", detail);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
