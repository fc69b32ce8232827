package io.certbridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Verifies a credential's Data Integrity proof with Digital Bazaar's JavaScript libraries, an implementation
 * independent of ours: offline ({@link #verify}), or fetching from the hub as a verifier does ({@link #verifyOverHttp}).
 */
public final class NodeCredentialVerifier {

    public record Result(boolean verified, String error) {
    }

    /** A verification over HTTP: the proof's outcome, and each status purpose's bit as the verifier read it. */
    public record HttpResult(boolean verified, String error, Map<String, Boolean> status) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeCredentialVerifier() {
    }

    /**
     * src/test/node/verify-credential.mjs, whose document loader is offline: {@code documents} must hold every
     * context the credential uses and the issuer's DID or controller document, keyed by URL or DID.
     */
    public static Result verify(String credentialJson, Map<String, String> documents) {
        try {
            ObjectNode input = JSON.createObjectNode();
            input.set("credential", JSON.readTree(credentialJson));
            input.set("documents", NodeScript.documents(documents));
            JsonNode output = NodeScript.run("verify-credential.mjs", input);
            return new Result(output.path("verified").asBoolean(false), error(output));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Verifies a credential the way a verifier does against a live issuer (src/test/node/verify-over-http.mjs):
     * the issuer's did:web DID document and the status list credentials are fetched over HTTP by the libraries'
     * own loaders, from the hub listening at {@code hubUrl} in place of its public base URL.
     * {@code contexts} are the JSON-LD contexts the credential uses, by URL.
     */
    public static HttpResult verifyOverHttp(String credentialJson, Map<String, String> contexts,
                                            String publicBaseUrl, String hubUrl) {
        try {
            ObjectNode input = JSON.createObjectNode();
            input.set("credential", JSON.readTree(credentialJson));
            input.set("contexts", NodeScript.documents(contexts));
            input.put("publicBaseUrl", publicBaseUrl);
            input.put("hubUrl", hubUrl);
            JsonNode output = NodeScript.run("verify-over-http.mjs", input);
            Map<String, Boolean> status = new LinkedHashMap<>();
            output.path("status").properties().forEach(e -> status.put(e.getKey(), e.getValue().asBoolean()));
            return new HttpResult(output.path("verified").asBoolean(false), error(output), status);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String error(JsonNode output) {
        JsonNode error = output.path("error");
        return error.isTextual() ? error.asText() : null;
    }
}
