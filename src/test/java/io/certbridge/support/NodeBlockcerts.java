package io.certbridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a MerkleProof2019 proof chained in a credential with Blockcerts' own JavaScript
 * (src/test/node/blockcerts-target-hash.mjs): its decoder of the proofValue, and the local hash and path
 * check of its verifier. The document loader is offline: {@code documents} must hold every context.
 */
public final class NodeBlockcerts {

    /**
     * @param path      the path as Blockcerts decodes it: [{"left": hex} or {"right": hex}, ...]
     * @param anchors   blink strings, e.g. blink:eth:sepolia:0x…
     * @param localHash what Blockcerts computes from the credential, to compare with targetHash
     */
    public record Reading(String targetHash, String merkleRoot, JsonNode path, List<String> anchors,
                          String localHash, boolean pathFoldsToRoot) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeBlockcerts() {
    }

    public static Reading read(String credentialJson, String anchorProofJson, Map<String, String> documents) {
        try {
            ObjectNode input = JSON.createObjectNode();
            input.set("credential", JSON.readTree(credentialJson));
            input.set("anchorProof", JSON.readTree(anchorProofJson));
            input.set("documents", NodeScript.documents(documents));
            JsonNode output = NodeScript.run("blockcerts-target-hash.mjs", input);
            List<String> anchors = new ArrayList<>();
            output.path("anchors").forEach(anchor -> anchors.add(anchor.asText()));
            return new Reading(output.path("targetHash").asText(), output.path("merkleRoot").asText(),
                    output.path("path"), anchors, output.path("localHash").asText(),
                    output.path("pathFoldsToRoot").asBoolean(false));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
