package io.certbridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A credential as it was issued: the shared test hub anchors live certificates within seconds, and an
 * anchored credential carries its anchor proof chained after the Ed25519 proof it was issued with, in one array.
 */
public final class AsIssued {

    private AsIssued() {
    }

    public static JsonNode credential(JsonNode credential) {
        JsonNode proof = credential.get("proof");
        if (proof == null || !proof.isArray() || proof.size() < 2) {
            return credential;
        }
        ObjectNode issued = credential.deepCopy();
        issued.putArray("proof").add(proof.get(0));
        return issued;
    }
}
