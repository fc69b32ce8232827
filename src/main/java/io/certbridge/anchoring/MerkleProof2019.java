package io.certbridge.anchoring;

import static io.certbridge.credential.Jsonp.JSON;

import com.apicatalog.multibase.Multibase;
import io.certbridge.credential.DataIntegrityProof;
import io.certbridge.credential.InvalidCredentialException;
import io.certbridge.credential.XsdDateTime;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Blockcerts' MerkleProof2019 proof: a Data Integrity proof with cryptosuite merkle-proof-2019 whose
 * proofValue is the Merkle receipt of the credential (its target hash, the path to the root, the root
 * and the transactions that carry the root), chained after the credential's Ed25519 proof.
 *
 * <p>The proofValue is multibase base58btc of a CBOR array of [key, value] pairs, written as
 * cert-issuer writes it (with lds-merkle-proof-2019-py): path, merkleRoot, targetHash, anchors (keys
 * 3, 0, 1, 2), each hash and the transaction hash a CBOR byte string that holds a CBOR text string
 * of the hex. An anchor is [[0, chain], [1, network], [2, transaction]]; for chain 1 (eth) the network
 * is the EVM chain id and the transaction hash has its 0x.
 */
public final class MerkleProof2019 {

    public static final String CRYPTOSUITE = "merkle-proof-2019";

    /** A transaction on an EVM chain whose data is the Merkle root. */
    public record Anchor(long chainId, String transactionHash) {
    }

    public record Receipt(byte[] merkleRoot, byte[] targetHash, List<MerkleTree.Step> path, List<Anchor> anchors) {
    }

    private static final long MERKLE_ROOT = 0;
    private static final long TARGET_HASH = 1;
    private static final long ANCHORS = 2;
    private static final long PATH = 3;
    private static final long LEFT = 0;
    private static final long RIGHT = 1;
    private static final long CHAIN = 0;
    private static final long NETWORK = 1;
    private static final long TRANSACTION = 2;
    private static final long ETH = 1;

    private static final Pattern HASH_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern TRANSACTION_HASH = Pattern.compile("0x[0-9a-fA-F]{64}");
    /** A path of 64 steps (a tree of 2^64 leaves) encodes in about 6,200 characters. */
    private static final int MAX_PROOF_VALUE_LENGTH = 10_000;

    private MerkleProof2019() {
    }

    public static String encode(Receipt receipt) {
        List<Object> path = new ArrayList<>();
        for (MerkleTree.Step step : receipt.path()) {
            path.add(List.of(step.left() ? LEFT : RIGHT, wrapped(hex(step.sibling()))));
        }
        List<Object> anchors = new ArrayList<>();
        for (Anchor anchor : receipt.anchors()) {
            anchors.add(List.of(List.of(CHAIN, ETH), List.of(NETWORK, anchor.chainId()),
                    List.of(TRANSACTION, wrapped(anchor.transactionHash()))));
        }
        return Multibase.BASE_58_BTC.encode(Cbor.encode(List.of(
                List.of(PATH, path),
                List.of(MERKLE_ROOT, wrapped(hex(receipt.merkleRoot()))),
                List.of(TARGET_HASH, wrapped(hex(receipt.targetHash()))),
                List.of(ANCHORS, anchors))));
    }

    public static Receipt decode(String proofValue) throws InvalidCredentialException {
        if (proofValue == null || proofValue.length() < 2 || proofValue.charAt(0) != 'z') {
            throw invalid("is not multibase base58btc (z…)");
        }
        if (proofValue.length() > MAX_PROOF_VALUE_LENGTH) {
            throw invalid("is longer than " + MAX_PROOF_VALUE_LENGTH + " characters");
        }
        byte[] cbor;
        try {
            cbor = Multibase.BASE_58_BTC.decode(proofValue);
        } catch (RuntimeException e) {
            throw invalid("is not base58btc");
        }
        try {
            return receipt(Cbor.decode(cbor));
        } catch (Cbor.MalformedException e) {
            throw invalid(e.getMessage());
        }
    }

    /**
     * The proof of an anchor, chained after the proof {@code previousProofId} names; null for a credential signed
     * before proofs had ids, whose anchor proof then follows its signature by position alone, as Blockcerts reads it.
     */
    public static JsonObject proof(String proofValue, String verificationMethod, String previousProofId,
                                   Instant created) {
        JsonObjectBuilder proof = JSON.createObjectBuilder()
                .add("id", "urn:uuid:" + UUID.randomUUID())
                .add("type", DataIntegrityProof.TYPE)
                .add("cryptosuite", CRYPTOSUITE)
                .add("created", XsdDateTime.of(created))
                .add("proofPurpose", DataIntegrityProof.PURPOSE)
                .add("verificationMethod", verificationMethod);
        if (previousProofId != null) {
            proof.add("previousProof", previousProofId);
        }
        return proof.add("proofValue", proofValue).build();
    }

    /** The credential with its proof, or proofs, followed by {@code anchorProof}, in an array. */
    public static JsonObject chained(JsonObject signedCredential, JsonObject anchorProof) {
        JsonValue existing = signedCredential.get("proof");
        if (existing == null) {
            throw new IllegalArgumentException("the credential has no proof to chain the anchor proof after");
        }
        JsonArrayBuilder proofs = JSON.createArrayBuilder();
        if (existing instanceof JsonArray array) {
            array.forEach(proofs::add);
        } else {
            proofs.add(existing);
        }
        return JSON.createObjectBuilder(signedCredential).add("proof", proofs.add(anchorProof)).build();
    }

    /** The credential with an anchor proof chained after its last proof, naming that proof when it has an id. */
    public static JsonObject chainAfterLast(JsonObject signedCredential, String proofValue, String verificationMethod,
                                            Instant created) {
        JsonValue proof = signedCredential.get("proof");
        JsonValue last = proof instanceof JsonArray array && !array.isEmpty() ? array.get(array.size() - 1) : proof;
        String previousProofId = last instanceof JsonObject object && object.get("id") instanceof JsonString id
                ? id.getString() : null;
        return chained(signedCredential, proof(proofValue, verificationMethod, previousProofId, created));
    }

    private static Receipt receipt(Object decoded) throws InvalidCredentialException, Cbor.MalformedException {
        Map<Long, Object> fields = pairs(decoded, "the proofValue");
        for (long key : fields.keySet()) {
            if (key < MERKLE_ROOT || key > PATH) {
                throw invalid("has an unknown key " + key);
            }
        }
        List<MerkleTree.Step> path = new ArrayList<>();
        for (Object item : list(required(fields, PATH, "path"), "the path")) {
            List<Object> step = list(item, "a path step");
            if (step.size() != 2 || !(step.get(0) instanceof Long side) || (side != LEFT && side != RIGHT)) {
                throw invalid("has a path step that is not [0 (left) or 1 (right), hash]");
            }
            path.add(new MerkleTree.Step(side == LEFT, hash(step.get(1), "a path step")));
        }
        List<Anchor> anchors = new ArrayList<>();
        for (Object item : list(required(fields, ANCHORS, "anchors"), "the anchors")) {
            anchors.add(anchor(item));
        }
        if (anchors.isEmpty()) {
            throw invalid("has no anchor");
        }
        return new Receipt(hash(required(fields, MERKLE_ROOT, "merkleRoot"), "merkleRoot"),
                hash(required(fields, TARGET_HASH, "targetHash"), "targetHash"), path, anchors);
    }

    private static Anchor anchor(Object item) throws InvalidCredentialException, Cbor.MalformedException {
        Map<Long, Object> fields = pairs(item, "an anchor");
        Object chain = required(fields, CHAIN, "an anchor's chain");
        if (!Long.valueOf(ETH).equals(chain)) {
            throw invalid("has an anchor on chain " + chain + ": only EVM anchors (chain " + ETH + ", eth) are supported");
        }
        if (!(required(fields, NETWORK, "an anchor's network") instanceof Long chainId) || chainId <= 0) {
            throw invalid("has an anchor whose network is not an EVM chain id");
        }
        if (!(unwrapped(required(fields, TRANSACTION, "an anchor's transaction")) instanceof String transaction)
                || !TRANSACTION_HASH.matcher(transaction).matches()) {
            throw invalid("has an anchor whose transaction is not a 0x-prefixed 32-byte hex hash");
        }
        return new Anchor(chainId, transaction);
    }

    /** A CBOR array of [integer key, value] pairs, each key once. */
    private static Map<Long, Object> pairs(Object decoded, String what) throws InvalidCredentialException {
        Map<Long, Object> fields = new HashMap<>();
        for (Object item : list(decoded, what)) {
            if (!(item instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof Long key)) {
                throw invalid("has in " + what + " an entry that is not a [key, value] pair");
            }
            if (fields.put(key, pair.get(1)) != null) {
                throw invalid("has key " + key + " twice in " + what);
            }
        }
        return fields;
    }

    private static Object required(Map<Long, Object> fields, long key, String name) throws InvalidCredentialException {
        Object value = fields.get(key);
        if (value == null) {
            throw invalid("has no " + name + " (key " + key + ")");
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String what) throws InvalidCredentialException {
        if (!(value instanceof List<?>)) {
            throw invalid("has " + what + " that is not an array");
        }
        return (List<Object>) value;
    }

    /**
     * A hash as cert-issuer writes it, hex in CBOR text; Blockcerts' own JavaScript encoder writes the
     * raw 32 bytes in CBOR bytes instead, and its decoder reads both, as this does.
     */
    private static byte[] hash(Object value, String what) throws InvalidCredentialException, Cbor.MalformedException {
        Object inner = unwrapped(value);
        if (inner instanceof String text && HASH_HEX.matcher(text).matches()) {
            return HexFormat.of().parseHex(text);
        }
        if (inner instanceof byte[] bytes && bytes.length == 32) {
            return bytes;
        }
        throw invalid("has " + what + " that is not a 32-byte hash");
    }

    /** The CBOR item held in a CBOR byte string. */
    private static Object unwrapped(Object value) throws InvalidCredentialException, Cbor.MalformedException {
        if (!(value instanceof byte[] bytes)) {
            throw invalid("has a value that is not a CBOR byte string");
        }
        return Cbor.decode(bytes);
    }

    private static byte[] wrapped(String text) {
        return Cbor.encode(text);
    }

    private static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    private static InvalidCredentialException invalid(String problem) {
        return new InvalidCredentialException("the MerkleProof2019 proofValue " + problem);
    }
}
