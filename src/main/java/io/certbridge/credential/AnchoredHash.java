package io.certbridge.credential;

import static io.certbridge.credential.Jsonp.JSON;

import io.certbridge.shared.Sha256;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;

/**
 * What a blockchain anchor fixes of a credential: the SHA-256 of its canonical N-Quads with the proofs
 * made before the anchor's, so that the anchor covers the signature too. This is Blockcerts' "target
 * hash", the Merkle leaf of the credential, as its verifier recomputes it for a MerkleProof2019 proof
 * chained after the others.
 */
public final class AnchoredHash {

    private AnchoredHash() {
    }

    /** The hash of the credential with all its proofs: the leaf of a proof to be chained after them. */
    public static byte[] of(JsonObject credential) throws InvalidCredentialException {
        Optional<List<CanonicalForm.Quad>> ownShape = CredentialQuads.ofCredentialWithProofs(credential);
        String nquads = ownShape.isPresent() ? RdfCanonicalizer.canonicalNQuads(ownShape.get())
                : RdfCanonicalizer.canonicalNQuads(credential);
        return Sha256.of(nquads);
    }

    /**
     * The hash an anchor proof covers: of the credential with only the proofs before it when
     * {@code proof} is an array (a chained proof), without any proof when it is not, as Blockcerts
     * verifies it. The anchor proof is found by its proofValue, as Blockcerts finds it.
     */
    public static byte[] targetOf(JsonObject credential, JsonObject anchorProof) throws InvalidCredentialException {
        JsonValue proofs = credential.get("proof");
        if (!(proofs instanceof JsonArray array)) {
            return of(JSON.createObjectBuilder(credential).remove("proof").build());
        }
        JsonValue proofValue = anchorProof.get("proofValue");
        JsonArrayBuilder earlier = JSON.createArrayBuilder();
        for (JsonValue proof : array) {
            if (proof instanceof JsonObject p && proofValue instanceof JsonString
                    && proofValue.equals(p.get("proofValue"))) {
                return of(JSON.createObjectBuilder(credential).add("proof", earlier).build());
            }
            earlier.add(proof);
        }
        throw new InvalidCredentialException("the anchor proof is not among the credential's proofs");
    }
}
