package io.certbridge.anchoring;

import io.certbridge.anchoring.AnchorTransactions.SignedAnchor;
import io.certbridge.anchoring.AnchorWindows.Window;
import io.certbridge.anchoring.SignedAnchors.Stored;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.crypto.Credentials;

/**
 * Takes each sealed window to a confirmed anchor: signs one transaction carrying its root (stored before it is
 * broadcast, so a crash sends the same bytes again rather than a second transaction), follows it into a block,
 * and confirms the window once the block is deep enough. A block that leaves the canonical chain sends the
 * root again; a transaction left unmined too long is replaced with the same nonce and a higher fee, up to the
 * cap; a node that cannot be reached leaves every window as it is until it can. One instance anchors at a
 * time, so nonces, which come from the node and from the transactions already signed, never collide.
 */
@Component("chainAnchoring")
public class ChainAnchoring {

    private static final Logger log = LoggerFactory.getLogger(ChainAnchoring.class);
    private static final int WINDOWS_PER_PASS = 100;

    private final AnchoringSettings settings;
    private final AnchorWindows windows;
    private final SignedAnchors signed;
    private final AnchorConfirmation confirmation;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final List<EvmNode> nodes;
    private final Credentials key;
    /** The node of the pass under way: the first configured one that answers. Passes run one at a time. */
    private EvmNode node;

    public ChainAnchoring(AnchoringSettings settings, AnchorWindows windows, SignedAnchors signed,
                          AnchorConfirmation confirmation, DataSource dataSource, TransactionTemplate transaction,
                          Clock clock) {
        this.settings = settings;
        this.windows = windows;
        this.signed = signed;
        this.confirmation = confirmation;
        this.dataSource = dataSource;
        this.transaction = transaction;
        this.clock = clock;
        this.nodes = settings.anchors() ? settings.rpcUrls().stream().map(EvmNode::new).toList() : List.of();
        this.key = settings.anchors() ? Credentials.create(settings.privateKey().strip()) : null;
    }

    /** The address anchors are sent from, when anchoring is configured. */
    public Optional<String> sender() {
        return Optional.ofNullable(key).map(Credentials::getAddress);
    }

    /** One pass over the windows not yet confirmed, oldest first. */
    public synchronized void advanceAll() throws SQLException {
        if (nodes.isEmpty()) {
            return;
        }
        try (Connection lock = dataSource.getConnection()) {
            if (!advisoryLock(lock, "pg_try_advisory_lock")) {
                return;
            }
            try {
                long chain = connect();
                for (Window window : windows.unconfirmed(WINDOWS_PER_PASS)) {
                    try {
                        advance(window, chain);
                    } catch (EvmNode.Unavailable e) {
                        throw e;
                    } catch (RuntimeException e) {
                        log.error("Window {} could not be taken further; the others go on", window.id(), e);
                    }
                }
            } catch (EvmNode.Unavailable e) {
                log.warn("No chain node answers; sealed windows wait for one: {}", e.getMessage());
            } finally {
                advisoryLock(lock, "pg_advisory_unlock");
            }
        }
    }

    /** Picks the first node that answers, and returns its chain, which must be the configured one. */
    private long connect() {
        EvmNode.Unavailable last = null;
        for (EvmNode candidate : nodes) {
            try {
                long reported = candidate.chainId();
                if (settings.chainId() != null && settings.chainId() != reported) {
                    throw new IllegalStateException("The node " + candidate.url() + " is on chain " + reported
                            + ", not on chain " + settings.chainId() + " as certbridge.anchoring.chain-id says; "
                            + "nothing is sent to it");
                }
                node = candidate;
                return reported;
            } catch (EvmNode.Unavailable e) {
                last = e;
            }
        }
        throw last;
    }

    private static boolean advisoryLock(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select " + function + "(hashtext('certbridge.anchoring'))");
             ResultSet result = statement.executeQuery()) {
            return result.next() && result.getBoolean(1);
        }
    }

    private void advance(Window window, long chain) {
        List<Stored> transactions = signed.ofWindow(window.id());
        if (transactions.isEmpty()) {
            submit(window, chain);
            return;
        }
        Optional<Inclusion> inclusion = canonicalInclusion(transactions);
        if (inclusion.isPresent()) {
            Inclusion mined = inclusion.get();
            long confirmations = node.latestBlockNumber() - mined.receipt().blockNumber() + 1;
            if (confirmations >= settings.confirmations()) {
                confirmation.confirm(window, chain, key.getAddress(), mined.receipt(), confirmations);
            } else {
                windows.recordInclusion(window.id(), mined.receipt().transactionHash(), mined.receipt().blockNumber(),
                        mined.receipt().blockHash(), confirmations);
            }
            return;
        }
        if (window.blockNumber() != null) {
            log.warn("Block {} ({}) that held the anchor of window {} is no longer canonical; anchoring it again",
                    window.blockNumber(), window.blockHash(), window.id());
            windows.recordReorganisation(window.id());
        }
        Stored current = transactions.get(0);
        if (node.receipt(current.hash()).filter(receipt -> !receipt.succeeded()).isPresent()) {
            log.warn("The anchor {} of window {} was mined but failed; sending the root anew", current.hash(),
                    window.id());
            submit(window, chain);
        } else if (node.transaction(current.hash()).isEmpty()) {
            sendAgain(window, chain, current);
        } else if (!current.createdAt().plus(settings.stuckAfter()).isAfter(clock.instant())) {
            replace(window, chain, current);
        }
    }

    private record Inclusion(Stored transaction, EvmNode.Receipt receipt) {
    }

    /** The window's transaction that is in a block of the canonical chain, if one is. */
    private Optional<Inclusion> canonicalInclusion(List<Stored> transactions) {
        for (Stored candidate : transactions) {
            Optional<EvmNode.Receipt> receipt = node.receipt(candidate.hash());
            if (receipt.isPresent() && receipt.get().succeeded()
                    && receipt.get().blockHash().equals(node.blockHash(receipt.get().blockNumber()).orElse(null))) {
                return Optional.of(new Inclusion(candidate, receipt.get()));
            }
        }
        return Optional.empty();
    }

    private void submit(Window window, long chain) {
        String sender = key.getAddress();
        BigInteger nonce = node.pendingNonce(sender).max(
                signed.highestNonce(chain, sender).map(n -> n.add(BigInteger.ONE)).orElse(BigInteger.ZERO));
        EvmNode.Fees fees = node.fees();
        BigInteger maxFee = fees.baseFee().shiftLeft(1).add(fees.priorityFee()).min(settings.maxFeePerGas());
        SignedAnchor anchor = AnchorTransactions.sign(key, chain, nonce, root(window), fees.priorityFee().min(maxFee),
                maxFee);
        transaction.executeWithoutResult(status -> {
            signed.insert(window.id(), chain, sender, anchor);
            windows.markSubmitted(window.id(), chain, anchor.hash());
        });
        log.info("Anchoring window {} in transaction {} (nonce {})", window.id(), anchor.hash(), nonce);
        node.broadcast(anchor.raw());
    }

    /** The node does not know the transaction: it was never sent, the node lost it, or a reorganisation dropped it. */
    private void sendAgain(Window window, long chain, Stored current) {
        try {
            node.broadcast(current.raw());
            log.info("Sent the anchor of window {} again: {}", window.id(), current.hash());
        } catch (EvmNode.NonceTaken e) {
            log.warn("Nonce {} of window {}'s anchor was taken by another transaction; signing with a new one",
                    current.nonce(), window.id());
            submit(window, chain);
        } catch (EvmNode.Underpriced e) {
            log.warn("The node holds a transaction with the nonce of {} that pays more; waiting", current.hash());
        }
    }

    private void replace(Window window, long chain, Stored stuck) {
        EvmNode.Fees fees = node.fees();
        BigInteger cap = settings.maxFeePerGas();
        BigInteger feeBump = AnchorTransactions.replacementFee(stuck.maxFeePerGas());
        BigInteger priorityBump = AnchorTransactions.replacementFee(stuck.maxPriorityFeePerGas());
        BigInteger maxFee = feeBump.max(fees.baseFee().shiftLeft(1).add(fees.priorityFee())).min(cap);
        BigInteger priority = priorityBump.max(fees.priorityFee()).min(maxFee);
        if (maxFee.compareTo(feeBump) < 0 || priority.compareTo(priorityBump) < 0) {
            log.warn("The anchor of window {} ({}) waits unmined, and a higher fee would pass the cap of {} wei",
                    window.id(), stuck.hash(), cap);
            return;
        }
        SignedAnchor replacement = AnchorTransactions.sign(key, chain, stuck.nonce(), root(window), priority, maxFee);
        transaction.executeWithoutResult(status -> {
            signed.insert(window.id(), chain, key.getAddress(), replacement);
            windows.recordTransaction(window.id(), replacement.hash());
        });
        log.info("Replaced the stuck anchor {} of window {} with {} (max fee {} wei)", stuck.hash(), window.id(),
                replacement.hash(), maxFee);
        try {
            node.broadcast(replacement.raw());
        } catch (EvmNode.NonceTaken e) {
            log.info("The stuck anchor {} was mined meanwhile", stuck.hash());
        } catch (EvmNode.Underpriced e) {
            log.warn("The node refused {} as too cheap to replace {}: {}", replacement.hash(), stuck.hash(),
                    e.getMessage());
        }
    }

    private static byte[] root(Window window) {
        return HexFormat.of().parseHex(window.merkleRoot());
    }
}
