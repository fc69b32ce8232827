package io.certbridge.credential;

import com.apicatalog.multibase.Multibase;
import io.certbridge.shared.Sha256;
import static io.certbridge.credential.Jsonp.JSON;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * The W3C Data Integrity proof with cryptosuite eddsa-rdfc-2022: the document and the proof
 * options are each canonicalized with RDFC-1.0 and hashed with SHA-256, and Ed25519 signs the two
 * hashes (proof options first). Each proof has an id, so that a proof chained after it (an anchor's
 * MerkleProof2019) can name it as its previousProof.
 */
public final class DataIntegrityProof {

    public static final String TYPE = "DataIntegrityProof";
    public static final String CRYPTOSUITE = "eddsa-rdfc-2022";
    public static final String PURPOSE = "assertionMethod";

    private DataIntegrityProof() {
    }

    public static JsonObject sign(JsonObject unsigned, SigningKey key, String verificationMethod, Instant created)
            throws InvalidCredentialException {
        JsonObject options = JSON.createObjectBuilder()
                .add("id", "urn:uuid:" + UUID.randomUUID())
                .add("type", TYPE)
                .add("created", XsdDateTime.of(created))
                .add("verificationMethod", verificationMethod)
                .add("cryptosuite", CRYPTOSUITE)
                .add("proofPurpose", PURPOSE)
                .build();
        String canonicalDocument = CredentialQuads.ofCredential(unsigned).map(RdfCanonicalizer::canonicalNQuads)
                .orElse(null);
        byte[] signature = key.sign(hashData(canonicalOptions(options, unsigned.get("@context")),
                canonicalDocument != null ? canonicalDocument : RdfCanonicalizer.canonicalNQuads(unsigned)));
        JsonObject proof = JSON.createObjectBuilder(options)
                .add("proofValue", Multibase.BASE_58_BTC.encode(signature))
                .build();
        return JSON.createObjectBuilder(unsigned).add("proof", proof).build();
    }

    /**
     * Whether {@code proof} (with its proofValue) is a valid signature by {@code publicKey} of the
     * document whose canonical N-Quads (without the proof) are {@code canonicalDocument}. The caller
     * has checked the proof's shape.
     */
    private static String canonicalOptions(JsonObject options, JsonValue context) throws InvalidCredentialException {
        return canonicalOptions(options, context, JsonLdContexts.BUNDLED);
    }

    /** The canonical N-Quads of a proof's options (the proof without its value) in the document's context. */
    public static String canonicalOptions(JsonObject options, JsonValue context, JsonLdContexts contexts)
            throws InvalidCredentialException {
        JsonObject inContext = inContext(options, context);
        Optional<String> written = CredentialQuads.ofProofOptions(inContext).map(RdfCanonicalizer::canonicalNQuads);
        return written.isPresent() ? written.get() : RdfCanonicalizer.canonicalNQuads(inContext, contexts);
    }

    static JsonObject inContext(JsonObject proofOptions, JsonValue context) {
        return JSON.createObjectBuilder(proofOptions).add("@context", context).build();
    }

    public static boolean verify(String canonicalDocument, JsonValue context, JsonObject proof, byte[] publicKey)
            throws InvalidCredentialException {
        byte[] signature;
        try {
            signature = Multibase.BASE_58_BTC.decode(proof.getString("proofValue"));
        } catch (RuntimeException e) {
            return false;
        }
        if (signature.length != 64 || publicKey.length != 32) {
            return false;
        }
        JsonObject options = JSON.createObjectBuilder(proof).remove("proofValue").build();
        byte[] message = hashData(canonicalOptions(options, context), canonicalDocument);
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    /** SHA-256 of the canonical proof options (in the document's context), then of the canonical document. */
    static byte[] hashData(String canonicalOptions, String canonicalDocument) {
        byte[] optionsHash = Sha256.of(canonicalOptions);
        byte[] documentHash = Sha256.of(canonicalDocument);
        byte[] hashData = new byte[64];
        System.arraycopy(optionsHash, 0, hashData, 0, 32);
        System.arraycopy(documentHash, 0, hashData, 32, 32);
        return hashData;
    }
}
