package io.certbridge.anchoring;

import com.apicatalog.multibase.Multibase;
import io.certbridge.api.Ids;
import io.certbridge.credential.AnchoredHash;
import io.certbridge.credential.InvalidCredentialException;
import io.certbridge.credential.Jsonp;
import io.certbridge.credential.SigningKey;
import io.certbridge.credential.SigningKeys;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals live certificates in windows: once the oldest unsealed certificate has waited a whole window, or a
 * window's worth of certificates waits, the hashes of their credentials become the leaves of a Merkle tree
 * whose root the hub signs with its live key. One instance seals at a time.
 */
@Component("windowSealer")
public class WindowSealer {

    private static final Logger log = LoggerFactory.getLogger(WindowSealer.class);

    private final AnchorWindows windows;
    private final SigningKeys keys;
    private final AnchoringSettings settings;
    private final Clock clock;
    private final TransactionTemplate transaction;

    public WindowSealer(AnchorWindows windows, SigningKeys keys, AnchoringSettings settings, Clock clock,
                        TransactionTemplate transaction) {
        this.windows = windows;
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
        this.transaction = transaction;
    }

    /** Seals every window that is due; returns how many it sealed. */
    public int sealDue() {
        int sealed = 0;
        while (Boolean.TRUE.equals(transaction.execute(status -> sealOne()))) {
            sealed++;
        }
        return sealed;
    }

    private boolean sealOne() {
        if (!windows.tryLock("certbridge.anchor-sealing")) {
            return false;
        }
        AnchorWindows.Unsealed next = windows.unsealed(settings.windowSize());
        Instant now = clock.instant();
        boolean full = next.count() >= settings.windowSize();
        boolean old = next.count() > 0 && !next.oldestIssuedAt().plus(settings.window()).isAfter(now);
        if (!full && !old) {
            return false;
        }
        List<AnchorWindows.SealedCertificate> certificates = windows.nextToSeal(settings.windowSize());
        List<byte[]> leaves = certificates.parallelStream()
                .map(WindowSealer::leaf).toList();
        MerkleTree tree = MerkleTree.of(leaves);
        byte[] packed = new byte[leaves.size() * 32];
        for (int i = 0; i < leaves.size(); i++) {
            System.arraycopy(leaves.get(i), 0, packed, i * 32, 32);
        }
        SigningKey key = keys.active(false);
        String root = HexFormat.of().formatHex(tree.root());
        String id = Ids.newId("win");
        windows.insertSealed(id, certificates.stream().map(AnchorWindows.SealedCertificate::id).toList(), packed, root,
                Multibase.BASE_58_BTC.encode(key.sign(tree.root())), key.multikey(), now);
        log.info("Sealed window {}: {} certificates, Merkle root {}", id, certificates.size(), root);
        return true;
    }

    private static byte[] leaf(AnchorWindows.SealedCertificate certificate) {
        try {
            return AnchoredHash.of(Jsonp.JSON.createReader(new StringReader(certificate.credential())).readObject());
        } catch (InvalidCredentialException e) {
            throw new IllegalStateException("the credential of " + certificate.id() + " cannot be hashed", e);
        }
    }
}
