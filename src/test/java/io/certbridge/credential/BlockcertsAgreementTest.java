package io.certbridge.credential;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.anchoring.MerkleProof2019;
import io.certbridge.anchoring.MerkleTree;
import io.certbridge.shared.Sha256;
import io.certbridge.support.NodeBlockcerts;
import io.certbridge.support.TestResources;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Blockcerts' own code (its proofValue decoder, and its verifier's local hash and receipt check, in
 * src/test/node/blockcerts-target-hash.mjs) reads a hub credential with a chained MerkleProof2019 proof
 * exactly as we wrote it.
 */
class BlockcertsAgreementTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String TRANSACTION = "0x" + "5e".repeat(32);

    @Test
    void blockcertsReadsOurAnchorProofAndComputesOurLeaf() throws Exception {
        JsonObject signed = HubCredentials.signed(HubCredentials.claims(new Random(11), 3));
        byte[] leaf = AnchoredHash.of(signed);
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            leaves.add(i == 3 ? leaf : Sha256.of("another certificate " + i));
        }
        MerkleTree tree = MerkleTree.of(leaves);
        String proofValue = MerkleProof2019.encode(new MerkleProof2019.Receipt(tree.root(), leaf, tree.path(3),
                List.of(new MerkleProof2019.Anchor(31337, TRANSACTION))));
        JsonObject anchorProof = MerkleProof2019.proof(proofValue, HubCredentials.ISSUER.did(false) + "#anchoring",
                signed.getJsonObject("proof").getString("id"), Instant.now());
        JsonObject chained = MerkleProof2019.chained(signed, anchorProof);

        NodeBlockcerts.Reading blockcerts = NodeBlockcerts.read(chained.toString(), anchorProof.toString(),
                TestResources.publicContexts());

        assertThat(blockcerts.targetHash()).isEqualTo(HEX.formatHex(leaf));
        assertThat(blockcerts.localHash()).isEqualTo(HEX.formatHex(leaf));
        assertThat(AnchoredHash.targetOf(chained, anchorProof)).isEqualTo(leaf);
        assertThat(blockcerts.merkleRoot()).isEqualTo(HEX.formatHex(tree.root()));
        assertThat(blockcerts.pathFoldsToRoot()).isTrue();
        List<String> path = new ArrayList<>();
        blockcerts.path().forEach(step -> path.add(step.toString()));
        assertThat(path).containsExactlyElementsOf(tree.path(3).stream()
                .map(step -> new ObjectMapper().createObjectNode()
                        .put(step.left() ? "left" : "right", HEX.formatHex(step.sibling())).toString())
                .toList());
        // Blockcerts' keymap names no network 31337; the chain and the transaction come through.
        assertThat(blockcerts.anchors()).singleElement().asString()
                .startsWith("blink:eth:").endsWith(":" + TRANSACTION);
    }
}
