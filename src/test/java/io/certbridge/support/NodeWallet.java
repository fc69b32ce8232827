package io.certbridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A wallet built on the OpenWallet Foundation's OpenID4VCI libraries (src/test/node/wallet-claim.mjs), an
 * implementation independent of the hub's, redeeming an offer end to end with a fresh Ed25519 key.
 */
public final class NodeWallet {

    /** The key binding the wallet proves: its key named by a did:key DID URL ({@code kid}), or given as a JWK. */
    public enum KeyBinding {
        DID_KEY("did:key"), JWK("jwk");

        private final String value;

        KeyBinding(String value) {
            this.value = value;
        }
    }

    /** The credential and the DID it was bound to; or the refusal, as the library reported it, and its HTTP status. */
    public record Claim(String holderDid, JsonNode credential, String error, Integer status) {
    }

    private NodeWallet() {
    }

    /** Redeems {@code offer} (an openid-credential-offer:// link) from the hub listening at {@code hubUrl}. */
    public static Claim claim(String offer, String txCode, KeyBinding binding, String publicBaseUrl, String hubUrl) {
        ObjectNode input = ApiClient.json().createObjectNode()
                .put("offer", offer)
                .put("txCode", txCode)
                .put("keyBinding", binding.value)
                .put("publicBaseUrl", publicBaseUrl)
                .put("hubUrl", hubUrl);
        JsonNode output = NodeScript.run("wallet-claim.mjs", input);
        return new Claim(text(output, "holderDid"), output.get("credential"), text(output, "error"),
                output.path("status").isInt() ? output.get("status").asInt() : null);
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isTextual() ? node.get(field).asText() : null;
    }
}
