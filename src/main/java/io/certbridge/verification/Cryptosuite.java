package io.certbridge.verification;

import static io.certbridge.credential.Jsonp.JSON;

import com.apicatalog.multibase.Multibase;
import io.certbridge.credential.DataIntegrityProof;
import io.certbridge.credential.InvalidCredentialException;
import io.certbridge.credential.JsonLdContexts;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;

/**
 * The proofs this hub checks, those Digital Bazaar's verifier checks: Data Integrity with eddsa-rdfc-2022 or
 * ecdsa-rdfc-2019 (P-256, P-384), and Ed25519Signature2020. All three sign the same thing: the hash of the proof's
 * options (the proof without its value, in the document's context) then the hash of the document, each canonicalized
 * with RDFC-1.0; the hash is SHA-256, or SHA-384 for a P-384 key.
 */
enum Cryptosuite {

    EDDSA_RDFC_2022(DataIntegrityProof.TYPE, "eddsa-rdfc-2022"),
    ECDSA_RDFC_2019(DataIntegrityProof.TYPE, "ecdsa-rdfc-2019"),
    ED25519_SIGNATURE_2020("Ed25519Signature2020", null);

    /** A proof of the credential and the cryptosuite it uses. */
    record Proof(Cryptosuite suite, JsonObject value) {
    }

    private final String type;
    private final String cryptosuite;

    Cryptosuite(String type, String cryptosuite) {
        this.type = type;
        this.cryptosuite = cryptosuite;
    }

    /** The credential's first proof of a cryptosuite checked here. */
    static Optional<Proof> find(JsonObject credential) {
        JsonValue proof = credential.get("proof");
        List<JsonValue> proofs = proof instanceof JsonArray array ? array : proof == null ? List.of() : List.of(proof);
        for (JsonValue candidate : proofs) {
            if (candidate instanceof JsonObject object) {
                for (Cryptosuite suite : values()) {
                    if (suite.type.equals(Format.string(object, "type"))
                            && (suite.cryptosuite == null || suite.cryptosuite.equals(Format.string(object, "cryptosuite")))) {
                        return Optional.of(new Proof(suite, object));
                    }
                }
            }
        }
        return Optional.empty();
    }

    static String names() {
        return "DataIntegrityProof with eddsa-rdfc-2022 or ecdsa-rdfc-2019, or Ed25519Signature2020";
    }

    String label() {
        return cryptosuite == null ? type : cryptosuite;
    }

    /** Whether this suite signs with keys of this kind. */
    boolean fits(VerificationKey key) {
        return this == ECDSA_RDFC_2019 ? key instanceof VerificationKey.Ecdsa : key instanceof VerificationKey.Ed25519;
    }

    /**
     * Whether {@code proof} is {@code key}'s signature of the document whose canonical N-Quads (without the proof)
     * are {@code canonicalDocument}, in {@code context}, the document's.
     */
    boolean holds(String canonicalDocument, JsonValue context, JsonObject proof, VerificationKey key,
                  JsonLdContexts contexts) throws InvalidCredentialException {
        if (!fits(key)) {
            return false;
        }
        byte[] signature;
        try {
            signature = Multibase.BASE_58_BTC.decode(proof.getString("proofValue"));
        } catch (RuntimeException e) {
            return false;
        }
        JsonObject options = JSON.createObjectBuilder(proof).remove("proofValue").build();
        byte[] optionsHash = key.hash(DataIntegrityProof.canonicalOptions(options, context, contexts));
        byte[] documentHash = key.hash(canonicalDocument);
        byte[] hashData = new byte[optionsHash.length + documentHash.length];
        System.arraycopy(optionsHash, 0, hashData, 0, optionsHash.length);
        System.arraycopy(documentHash, 0, hashData, optionsHash.length, documentHash.length);
        return key.verifies(hashData, signature);
    }
}
