package io.certbridge.anchoring;

import com.apicatalog.multibase.Multibase;
import io.certbridge.shared.Ids;
import io.certbridge.credential.AnchoredHash;
import io.certbridge.credential.InvalidCredentialException;
import io.certbridge.credential.Jsonp;
import io.certbridge.credential.SigningKey;
import io.certbridge.credential.SigningKeyRetired;
import io.certbridge.credential.SigningKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seals live certificates in windows. Soon after they are issued, certificates join the open window a chunk at
 * a time, the hash of each credential becoming its leaf; hashes submitted for anchoring ({@link HashAnchoring})
 * join after them, each its own leaf. Once the window's oldest leaf has waited a
 * whole window, or the window holds a window's worth, it is sealed: the hub signs the root of the Merkle tree
 * over its leaves with its live key. One instance seals at a time.
 *
 * <p>Chunks are hashed on the sealing thread alone, so that the requests being served keep a core: a window of
 * 10,000 hashed and marked at the moment of sealing held every request up for seconds.
 */
@Component("windowSealer")
public class WindowSealer {

    private static final Logger log = LoggerFactory.getLogger(WindowSealer.class);

    /** Certificates that join the open window in one transaction. */
    private static final int CHUNK = 500;

    private final AnchorWindows windows;
    private final SigningKeys keys;
    private final AnchoringSettings settings;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final AtomicBoolean warnedOfRetiredKey = new AtomicBoolean();

    public WindowSealer(AnchorWindows windows, SigningKeys keys, AnchoringSettings settings, Clock clock,
                        TransactionTemplate transaction) {
        this.windows = windows;
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
        this.transaction = transaction;
    }

    private record Step(boolean sealed, boolean moreWaiting) {
    }

    /** Adds every waiting certificate to a window and seals every window that is due; returns how many it sealed. */
    public int sealDue() {
        int sealed = 0;
        Step step;
        try {
            do {
                step = transaction.execute(status -> step());
                sealed += step.sealed() ? 1 : 0;
            } while (step.moreWaiting());
        } catch (SigningKeyRetired e) {
            // a new key needs a restart, so once per process is one line per outage
            if (!warnedOfRetiredKey.getAndSet(true)) {
                log.warn("Anchor windows wait to be sealed: {}", e.getMessage());
            }
        }
        return sealed;
    }

    private Step step() {
        if (!windows.tryLock("certbridge.anchor-sealing")) {
            return new Step(false, false);
        }
        Optional<AnchorWindows.OpenWindow> open = windows.open();
        String id = open.map(AnchorWindows.OpenWindow::id).orElse(null);
        int held = open.map(AnchorWindows.OpenWindow::leafCount).orElse(0);
        List<AnchorWindows.Waiting> certificates = windows.waiting(room(held));
        if (!certificates.isEmpty()) {
            id = opened(id);
            windows.join(id, held, certificates, leaves(certificates));
            held += certificates.size();
        }
        List<AnchorWindows.WaitingHash> hashes = windows.waitingHashes(room(held));
        if (!hashes.isEmpty()) {
            id = opened(id);
            windows.joinHashes(id, held, hashes, hashLeaves(hashes));
        }
        open = windows.open();
        Instant now = clock.instant();
        boolean due = open.filter(window -> window.leafCount() >= settings.windowSize()
                || !window.oldestIssuedAt().plus(settings.window()).isAfter(now)).isPresent();
        if (due) {
            seal(open.get().id(), now);
        }
        return new Step(due, due || certificates.size() == CHUNK || hashes.size() == CHUNK);
    }

    /** How many more leaves may join a window holding {@code held}, in this step. */
    private int room(int held) {
        return Math.max(0, Math.min(CHUNK, settings.windowSize() - held));
    }

    /** The open window {@code id}, or a new one when there is none. */
    private String opened(String id) {
        if (id != null) {
            return id;
        }
        String opened = Ids.newId("win");
        windows.insertOpen(opened);
        return opened;
    }

    private void seal(String id, Instant now) {
        AnchorWindows.Window window = windows.find(id).orElseThrow();
        MerkleTree tree = MerkleTree.of(window.leafList());
        SigningKey key = keys.active(false);
        String root = HexFormat.of().formatHex(tree.root());
        windows.markSealed(id, root, Multibase.BASE_58_BTC.encode(key.sign(tree.root())), key.multikey(), now);
        log.info("Sealed window {}: {} certificates and {} hashes, Merkle root {}", id, window.certificateCount(),
                window.hashCount(), root);
    }

    private static byte[] leaves(List<AnchorWindows.Waiting> certificates) {
        byte[] packed = new byte[certificates.size() * 32];
        for (int i = 0; i < certificates.size(); i++) {
            System.arraycopy(leaf(certificates.get(i)), 0, packed, i * 32, 32);
        }
        return packed;
    }

    private static byte[] hashLeaves(List<AnchorWindows.WaitingHash> hashes) {
        byte[] packed = new byte[hashes.size() * 32];
        for (int i = 0; i < hashes.size(); i++) {
            System.arraycopy(hashes.get(i).hash(), 0, packed, i * 32, 32);
        }
        return packed;
    }

    private static byte[] leaf(AnchorWindows.Waiting certificate) {
        try {
            return AnchoredHash.of(Jsonp.object(certificate.credential()));
        } catch (InvalidCredentialException e) {
            throw new IllegalStateException("the credential of " + certificate.id() + " cannot be hashed", e);
        }
    }
}
