package io.certbridge.anchoring;

import io.certbridge.anchoring.AnchorWindows.SealedCertificate;
import io.certbridge.anchoring.AnchorWindows.Window;
import io.certbridge.credential.IssuerIdentity;
import io.certbridge.credential.Jsonp;
import io.certbridge.backbone.CertificateEvents;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Confirms a window whose transaction is deep enough: each of its credentials gets a MerkleProof2019 proof
 * (its Merkle path and the transaction), chained after its Ed25519 proof, and certificate.anchored is
 * announced for each. The window's hashes need nothing more: their proofs are read from the confirmed window. Credentials are rewritten and announced a chunk at a time, each chunk in a transaction
 * that also records how far the window has come, so that a window of 10,000 does not take the database and
 * both cores for seconds, and a crash resumes where it stopped; the window is confirmed with its last chunk.
 */
@Component
public class AnchorConfirmation {

    private static final Logger log = LoggerFactory.getLogger(AnchorConfirmation.class);

    /** Credentials rewritten and announced in one transaction. */
    private static final int CHUNK = 500;

    private final AnchorWindows windows;
    private final CertificateEvents events;
    private final IssuerIdentity issuer;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public AnchorConfirmation(AnchorWindows windows, CertificateEvents events, IssuerIdentity issuer,
                              TransactionTemplate transaction, Clock clock) {
        this.windows = windows;
        this.events = events;
        this.issuer = issuer;
        this.transaction = transaction;
        this.clock = clock;
    }

    void confirm(Window window, long chainId, String sender, EvmNode.Receipt receipt, long confirmations) {
        Instant now = clock.instant();
        List<byte[]> leaves = window.leafList();
        MerkleTree tree = MerkleTree.of(leaves);
        List<MerkleProof2019.Anchor> anchors = List.of(new MerkleProof2019.Anchor(chainId, receipt.transactionHash()));
        String method = issuer.anchoringMethod(chainId, sender);
        Anchor anchor = new Anchor("confirmed", chainId, AnchoringSettings.network(chainId), receipt.transactionHash(),
                receipt.blockNumber(), window.merkleRoot(), confirmations);
        boolean confirmed;
        do {
            confirmed = Boolean.TRUE.equals(transaction.execute(status -> {
                int from = windows.confirmedLeaves(window.id());
                List<SealedCertificate> chunk = windows.certificates(window.id(), from, CHUNK);
                List<String> credentials = new ArrayList<>(chunk.size());
                Map<String, Object> announced = new LinkedHashMap<>();
                for (SealedCertificate certificate : chunk) {
                    JsonObject credential = Jsonp.object(certificate.credential());
                    String proofValue = MerkleProof2019.encode(new MerkleProof2019.Receipt(tree.root(),
                            leaves.get(certificate.leaf()), tree.path(certificate.leaf()), anchors));
                    credentials.add(MerkleProof2019.chainAfterLast(credential, proofValue, method, now).toString());
                    announced.put(certificate.id(), Map.of("certificate_id", certificate.id(), "anchor", anchor));
                }
                windows.updateCredentials(chunk.stream().map(SealedCertificate::id).toList(), credentials);
                events.announceAll("certificate.anchored", announced);
                if (chunk.size() == CHUNK) {
                    windows.recordConfirmedLeaves(window.id(), chunk.getLast().leaf() + 1);
                    return false;
                }
                windows.recordConfirmedLeaves(window.id(), leaves.size());
                windows.recordInclusion(window.id(), receipt.transactionHash(), receipt.blockNumber(),
                        receipt.blockHash(), confirmations);
                windows.markConfirmed(window.id(), now);
                return true;
            }));
        } while (!confirmed);
        log.info("Window {} is anchored: transaction {} in block {}, {} confirmations", window.id(),
                receipt.transactionHash(), receipt.blockNumber(), confirmations);
    }
}
