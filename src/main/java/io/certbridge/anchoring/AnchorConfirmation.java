package io.certbridge.anchoring;

import static io.certbridge.credential.Jsonp.JSON;

import io.certbridge.anchoring.AnchorWindows.SealedCertificate;
import io.certbridge.anchoring.AnchorWindows.Window;
import io.certbridge.credential.IssuerIdentity;
import io.certbridge.events.CertificateEvents;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Confirms a window whose transaction is deep enough: each of its credentials gets a MerkleProof2019 proof
 * (its Merkle path and the transaction), chained after its Ed25519 proof, and certificate.anchored is
 * announced for each, all in one transaction.
 */
@Component
public class AnchorConfirmation {

    private static final Logger log = LoggerFactory.getLogger(AnchorConfirmation.class);

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
        transaction.executeWithoutResult(status -> {
            windows.recordInclusion(window.id(), receipt.transactionHash(), receipt.blockNumber(), receipt.blockHash(),
                    confirmations);
            windows.markConfirmed(window.id(), now);
            List<SealedCertificate> certificates = windows.certificates(window.id());
            List<byte[]> leaves = window.leafList();
            MerkleTree tree = MerkleTree.of(leaves);
            List<MerkleProof2019.Anchor> anchors = List.of(new MerkleProof2019.Anchor(chainId,
                    receipt.transactionHash()));
            String method = issuer.anchoringMethod(chainId, sender);
            List<String> credentials = IntStream.range(0, certificates.size()).parallel()
                    .mapToObj(i -> {
                        JsonObject credential = JSON.createReader(new StringReader(certificates.get(i).credential()))
                                .readObject();
                        String proofValue = MerkleProof2019.encode(new MerkleProof2019.Receipt(tree.root(),
                                leaves.get(i), tree.path(i), anchors));
                        return MerkleProof2019.chainAfterLast(credential, proofValue, method, now).toString();
                    })
                    .toList();
            windows.updateCredentials(certificates.stream().map(SealedCertificate::id).toList(), credentials);
            Anchor anchor = new Anchor("confirmed", chainId, AnchoringSettings.network(chainId),
                    receipt.transactionHash(), receipt.blockNumber(), window.merkleRoot(), confirmations);
            Map<String, Object> announced = new LinkedHashMap<>();
            certificates.forEach(c -> announced.put(c.id(), Map.of("certificate_id", c.id(), "anchor", anchor)));
            events.announceAll("certificate.anchored", announced);
        });
        log.info("Window {} is anchored: transaction {} in block {}, {} confirmations", window.id(),
                receipt.transactionHash(), receipt.blockNumber(), confirmations);
    }
}
