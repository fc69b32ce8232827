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
 * Another issuer: Digital Bazaar's JavaScript libraries sign a credential with a new key
 * (src/test/node/sign-credential.mjs), an implementation independent of ours.
 */
public final class NodeIssuer {

    /**
     * The signed credential, those signed alongside it with the same key, the issuer's DID document (to serve for a
     * did:web) and the proof's verification method.
     */
    public record Issued(ObjectNode credential, List<ObjectNode> alongside, ObjectNode didDocument,
                         String verificationMethod) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeIssuer() {
    }

    /**
     * Signs {@code credential} (its issuer's id is set to the signer's DID) with {@code suite}: eddsa-rdfc-2022,
     * ecdsa-rdfc-2019 (with {@code curve}) or Ed25519Signature2020; {@code did} null for a did:key of the new key.
     * {@code contexts} are the contexts the credential uses that the libraries do not ship, by URL.
     */
    public static Issued sign(JsonNode credential, String suite, String curve, String did, Map<String, String> contexts) {
        return sign(credential, List.of(), suite, curve, did, contexts);
    }

    /** Signs {@code credential} and, with the same key, {@code alongside} (a status list credential, say). */
    public static Issued sign(JsonNode credential, List<? extends JsonNode> alongside, String suite, String curve,
                              String did, Map<String, String> contexts) {
        ObjectNode input = JSON.createObjectNode();
        input.set("alongside", JSON.valueToTree(alongside));
        input.set("credential", credential);
        input.put("suite", suite);
        input.put("curve", curve);
        if (did != null) {
            input.put("did", did);
        }
        input.set("contexts", NodeScript.documents(contexts));
        JsonNode output = NodeScript.run("sign-credential.mjs", input);
        List<ObjectNode> signedAlongside = new ArrayList<>();
        output.get("alongside").forEach(signed -> signedAlongside.add((ObjectNode) signed));
        return new Issued((ObjectNode) output.get("credential"), signedAlongside, (ObjectNode) output.get("didDocument"),
                output.get("verificationMethod").asText());
    }

    public static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
