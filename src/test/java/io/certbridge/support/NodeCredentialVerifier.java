package io.certbridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Verifies a credential's Data Integrity proof with Digital Bazaar's JavaScript libraries
 * (src/test/node/verify-credential.mjs), an implementation independent of ours.
 * Its document loader is offline: {@code documents} must hold every context the credential uses and the
 * issuer's DID or controller document, keyed by URL or DID.
 */
public final class NodeCredentialVerifier {

    public record Result(boolean verified, String error) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeCredentialVerifier() {
    }

    public static Result verify(String credentialJson, Map<String, String> documents) {
        try {
            ObjectNode input = JSON.createObjectNode();
            input.set("credential", JSON.readTree(credentialJson));
            input.set("documents", NodeScript.documents(documents));
            JsonNode output = NodeScript.run("verify-credential.mjs", input);
            JsonNode error = output.path("error");
            return new Result(output.path("verified").asBoolean(false), error.isTextual() ? error.asText() : null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
