package io.certbridge.anchoring;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Anchors hashes that are not credentials (a document's SHA-256 given for certification): each joins the next
 * window as its own leaf, next to the certificates' ({@link WindowSealer}), and is proved by the window's Merkle
 * tree, its signed root and, once confirmed, the transaction that carries the root. {@code owner} names what
 * submitted a group of hashes; their positions keep its order.
 */
@Component
public class HashAnchoring {

    /**
     * Where a hash stands: in no window yet (every window field null), in a sealed window (its Merkle path, root and
     * the hub's signature of it), or in a confirmed one (the transaction too).
     */
    public record HashProof(int position, byte[] hash, String windowId, Integer leaf, Integer windowLeaves,
                            List<MerkleTree.Step> path, String merkleRoot,
                            String rootSignature, String signingKey, Instant sealedAt, Anchor anchor,
                            Instant anchoredAt) {

        public boolean sealed() {
            return merkleRoot != null;
        }

        public boolean anchored() {
            return anchoredAt != null;
        }
    }

    private record Row(int position, byte[] hash, String windowId, Integer leaf) {
    }

    /** Trees of confirmed windows, which no longer change: the reports of one window are completed together. */
    private static final int CONFIRMED_KEPT = 4;

    private final JdbcClient jdbc;
    private final AnchorWindows windows;
    private final AnchoringSettings settings;
    private final Map<String, Proved> confirmed = Collections.synchronizedMap(new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Proved> eldest) {
            return size() > CONFIRMED_KEPT;
        }
    });

    public HashAnchoring(JdbcClient jdbc, AnchorWindows windows, AnchoringSettings settings) {
        this.jdbc = jdbc;
        this.windows = windows;
        this.settings = settings;
    }

    /** Adds the hashes (32 bytes each) to those waiting for a window, in the caller's transaction. */
    public void submit(String owner, List<byte[]> hashes, Instant submittedAt) {
        Integer[] positions = new Integer[hashes.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        jdbc.sql("""
                        insert into anchored_hashes (owner, position, hash, submitted_at)
                        select ?, t.position, t.hash, ? from unnest(?::int[], ?::bytea[]) as t(position, hash)""")
                .params(owner, Timestamp.from(submittedAt), positions, hashes.toArray(byte[][]::new))
                .update();
    }

    /**
     * Which of {@code owners} have every hash proved as far as the hub goes: in a confirmed window when roots are
     * anchored on a chain, in a sealed one when they are not.
     */
    public Set<String> settled(Collection<String> owners) {
        if (owners.isEmpty()) {
            return Set.of();
        }
        String settledStatus = settings.anchors() ? "confirmed" : "sealed";
        return new HashSet<>(jdbc.sql("""
                        select h.owner from anchored_hashes h left join anchor_windows w on w.id = h.anchor_window_id
                        where h.owner = any(?) group by h.owner
                        having bool_and(w.status is not null and (w.status = ? or w.status = 'confirmed'))""")
                .params(owners.toArray(String[]::new), settledStatus)
                .query(String.class).list());
    }

    /** The owner's hashes in its order, each with as much of its proof as there is now. */
    public List<HashProof> proofs(String owner) {
        List<Row> rows = jdbc.sql("""
                        select position, hash, anchor_window_id, anchor_leaf from anchored_hashes
                        where owner = ? order by position""")
                .param(owner)
                .query((rs, row) -> new Row(rs.getInt("position"), rs.getBytes("hash"),
                        rs.getString("anchor_window_id"), (Integer) rs.getObject("anchor_leaf")))
                .list();
        Map<String, Optional<Proved>> byWindow = new HashMap<>();
        List<HashProof> proofs = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Optional<Proved> window = row.windowId() == null ? Optional.empty()
                    : byWindow.computeIfAbsent(row.windowId(), this::proved);
            proofs.add(window.map(w -> w.proof(row)).orElseGet(() -> new HashProof(row.position(), row.hash(),
                    row.windowId(), null, null, null, null, null, null, null, null, null)));
        }
        return proofs;
    }

    /** A sealed window with its tree, read once for all the owner's hashes in it. */
    private record Proved(AnchorWindows.Window window, MerkleTree tree, AnchorWindows.Sealing sealing) {

        HashProof proof(Row row) {
            Anchor anchor = window.blockNumber() == null ? null : new Anchor(window.status(), window.chainId(),
                    AnchoringSettings.network(window.chainId()), window.transactionHash(), window.blockNumber(),
                    window.merkleRoot(), sealing.confirmations());
            return new HashProof(row.position(), row.hash(), window.id(), row.leaf(), tree.size(),
                    tree.path(row.leaf()), window.merkleRoot(),
                    sealing.rootSignature(), sealing.signingKey(), sealing.sealedAt(), anchor,
                    "confirmed".equals(window.status()) ? sealing.confirmedAt() : null);
        }
    }

    private Optional<Proved> proved(String windowId) {
        Proved kept = confirmed.get(windowId);
        if (kept != null) {
            return Optional.of(kept);
        }
        Optional<Proved> proved = windows.find(windowId).filter(window -> window.merkleRoot() != null)
                .map(window -> new Proved(window, MerkleTree.of(window.leafList()),
                        windows.sealing(windowId).orElseThrow()));
        proved.filter(window -> window.window().status().equals("confirmed"))
                .ifPresent(window -> confirmed.put(windowId, window));
        return proved;
    }
}
