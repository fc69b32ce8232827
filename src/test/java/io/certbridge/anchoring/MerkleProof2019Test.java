package io.certbridge.anchoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.apicatalog.multibase.Multibase;
import io.certbridge.shared.Sha256;
import io.certbridge.credential.InvalidCredentialException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The proofValue codec against proofs cert-issuer wrote (fixtures of cert-verifier-js, test/fixtures/v3). */
class MerkleProof2019Test {

    private static final HexFormat HEX = HexFormat.of();

    /** ethereum-sepolia-v3.json: a batch of one. */
    private static final String SEPOLIA = "znKD4YGVqA8texv1PrVrhripRpmtid9LqxNj8TRUKHD5dXobGcBnZcHJMY3oguH9T8YcT9Muq"
            + "nzQxYYRcReoxc9vm5PhucNBqdFYwZuwNEeFTn9GoJLPqAwQSw2J2atnCuEFAqwMXstnLkSNQrEwpBAGshkH1eMhqSYh4Ut3gVHq85e"
            + "SKuu2YFHeCHAXN6QW7qfAiiiS4VLSE9E9PPUDdbp3MrDSb52gentZHJiHJHpKggxKs8GYYkqFQmr7rJ8HqVzLmwRRMAYA7TsVopaw"
            + "vFGtXTsbWXg6BK9jCFEPYvD3vNBvW5bVpEGvJgH";
    /** blockcerts-3.0-alpha.json: Ethereum Ropsten (chain id 3), a path of one step. */
    private static final String ROPSTEN = "z2LuLBVSfnVzaQtvzuA7EaPQsGEgYWeaMTH1p3uqAG3ESx9HYyFzFFrYsyPkZSbn1Ji5LN76j"
            + "w6HBr3oiaa8KsQenCPqKk7dJvxEXsDnYvhuDHtsDaQdmCyvpTR9oH46UZcCZ1UY7uZrgHmzf3J8Mzpp5Nnzd4SWiVN4RDWfxSkKmc"
            + "oXywZ1pTm5bhbKAx1Xeydjwf7T7gcSSkUxQJmfJrWKdyiBjU1vt4oZxwbeTRQ9TfojiDRKJ6RPNsVPpkcDqGvPoaF58SQJG9xr8AC"
            + "AAH9ZhYXJhRwW2zLpHGdRgyFGdxrcNiBVJ1o1TLcwLsfXTdRZLV2gW5yPLbEui6yBsmHtw9pQkWtfMxGBLzHk5ZRVLMdgUKatiV2Q"
            + "S4oE9N2GyiVnmQomApdS8R2cDSbQdn";
    /** testnet-v3-did.json: Bitcoin testnet. */
    private static final String BITCOIN = "z4zvrPUULnHmaio37FZuwYZDyU39wMYujJCMeypmxMWhh2XoCSMSVoeVRBKeEKUVnqccnmggg"
            + "yPYLx2xubmvDCP2HWMCcTCLrcpBHJMEzUiwQrixSFStZbxQq9yPVNoYysMcxinfxZTpmH1j5mmGsC2fUP1LEMruXA1fKgupM3Ea97"
            + "PzUGjgDgSfZqJNKjmFMJYL5tC1R7XoRqYvpKg3NhMrFY9YtyuERDW9do92EPeSw17j5xUZLpj6uGieJVrf5ps4AScoB4tXXTm4eF"
            + "i4ZkQbbbvkRmPK9bZsyKKxGQ2Bq5cfwPbvPHiaGLSHEBrAYh75so7LwoiKi1VCw7NdsybWmMUf1E547PZhbqTB5hXJD5VBYN6hpo"
            + "Gzc18L6boKN1oveFaHAoFrQsEjmBJ";

    @Test
    void decodesTheSepoliaFixture() throws Exception {
        MerkleProof2019.Receipt receipt = MerkleProof2019.decode(SEPOLIA);

        assertThat(HEX.formatHex(receipt.merkleRoot()))
                .isEqualTo("b2c64ed78cccda992431c265a1d0bb657e8cefd14b1ef15ceadcc697c566994f");
        assertThat(receipt.targetHash()).isEqualTo(receipt.merkleRoot());
        assertThat(receipt.path()).isEmpty();
        assertThat(receipt.anchors()).containsExactly(new MerkleProof2019.Anchor(11_155_111,
                "0x1f615470024000c3ab532ed74c5a60b8f6c2feb6489a67be20f103831996f9ab"));
        assertThat(MerkleProof2019.encode(receipt)).isEqualTo(SEPOLIA);
    }

    @Test
    void decodesTheRopstenFixtureWithAPath() throws Exception {
        MerkleProof2019.Receipt receipt = MerkleProof2019.decode(ROPSTEN);

        assertThat(HEX.formatHex(receipt.merkleRoot()))
                .isEqualTo("2b065c69c70432e9f082629939733afd2343e83f45939519986e9a09cf8ccd08");
        assertThat(HEX.formatHex(receipt.targetHash()))
                .isEqualTo("5a44e794431569f4b50a44336c3d445085f09ac5785e38e133385fb486ada9c5");
        assertThat(receipt.path()).hasSize(1);
        assertThat(receipt.path().get(0).left()).isTrue();
        assertThat(HEX.formatHex(receipt.path().get(0).sibling()))
                .isEqualTo("6ad52e9db922e0c2648ce8f88f94b7e376daf9af60a7c782db75011f3783ea0a");
        assertThat(receipt.anchors()).containsExactly(new MerkleProof2019.Anchor(3,
                "0xfdc9956953feee55a356b828a81791c6b8f1c743cc918457b7dc6ccf810544a1"));
        assertThat(MerkleTree.fold(receipt.targetHash(), receipt.path())).isEqualTo(receipt.merkleRoot());
        assertThat(MerkleProof2019.encode(receipt)).isEqualTo(ROPSTEN);
    }

    @Test
    void aReceiptOfATreeRoundTrips() throws Exception {
        List<byte[]> leaves = List.of(Sha256.of("1"), Sha256.of("2"), Sha256.of("3"), Sha256.of("4"), Sha256.of("5"));
        MerkleTree tree = MerkleTree.of(leaves);
        for (int i = 0; i < leaves.size(); i++) {
            String encoded = MerkleProof2019.encode(new MerkleProof2019.Receipt(tree.root(), leaves.get(i), tree.path(i),
                    List.of(new MerkleProof2019.Anchor(31337, "0x" + "ab".repeat(32)))));

            MerkleProof2019.Receipt decoded = MerkleProof2019.decode(encoded);

            assertThat(decoded.merkleRoot()).isEqualTo(tree.root());
            assertThat(decoded.targetHash()).isEqualTo(leaves.get(i));
            assertThat(MerkleTree.fold(decoded.targetHash(), decoded.path())).isEqualTo(tree.root());
            assertThat(decoded.anchors()).containsExactly(new MerkleProof2019.Anchor(31337, "0x" + "ab".repeat(32)));
            assertThat(MerkleProof2019.encode(decoded)).isEqualTo(encoded);
        }
    }

    /** Blockcerts' JavaScript encoder puts the raw hash bytes in the byte string; its decoder reads both. */
    @Test
    void readsHashesWrittenAsRawBytes() throws Exception {
        byte[] hash = Sha256.of("x");
        String proofValue = encodeCbor(List.of(
                List.of(3L, List.of()),
                List.of(0L, Cbor.encode(hash)),
                List.of(1L, Cbor.encode(hash)),
                List.of(2L, List.of(anchor(1L, 5L, "0x" + "12".repeat(32))))));

        MerkleProof2019.Receipt receipt = MerkleProof2019.decode(proofValue);

        assertThat(receipt.merkleRoot()).isEqualTo(hash);
        assertThat(receipt.targetHash()).isEqualTo(hash);
    }

    @Test
    void aBitcoinAnchorIsRefused() {
        assertThatThrownBy(() -> MerkleProof2019.decode(BITCOIN))
                .isInstanceOf(InvalidCredentialException.class)
                .hasMessageContaining("only EVM anchors");
    }

    @Test
    void malformedProofValuesAreRefusedAsInvalidCredentials() throws Exception {
        byte[] sepolia = Multibase.BASE_58_BTC.decode(SEPOLIA);
        Object hash = Cbor.encode("b2c64ed78cccda992431c265a1d0bb657e8cefd14b1ef15ceadcc697c566994f");
        Object goodAnchors = List.of(anchor(1L, 1L, "0x" + "12".repeat(32)));
        List<String> malformed = List.of(
                "", "z", "b2c64ed7", "z0OIl", "z" + "1".repeat(20_000),
                Multibase.BASE_58_BTC.encode(Arrays.copyOf(sepolia, sepolia.length - 5)),
                Multibase.BASE_58_BTC.encode(Arrays.copyOf(sepolia, sepolia.length + 1)),
                Multibase.BASE_58_BTC.encode(new byte[] {(byte) 0xa1, 0, 0}),
                Multibase.BASE_58_BTC.encode(new byte[] {(byte) 0x9b, 0x7f, -1, -1, -1, -1, -1, -1, -1}),
                Multibase.BASE_58_BTC.encode(nested(1000)),
                encodeCbor(List.of(List.of(3L, List.of()), List.of(0L, hash), List.of(1L, hash),
                        List.of(2L, goodAnchors), List.of(7L, hash))),
                encodeCbor(List.of(List.of(3L, List.of()), List.of(0L, hash), List.of(2L, goodAnchors))),
                encodeCbor(List.of(List.of(3L, List.of()), List.of(0L, hash), List.of(0L, hash),
                        List.of(1L, hash), List.of(2L, goodAnchors))),
                encodeCbor(List.of(List.of(3L, List.of()), List.of(0L, hash), List.of(1L, "not bytes"),
                        List.of(2L, goodAnchors))),
                encodeCbor(List.of(List.of(3L, List.of()), List.of(0L, hash), List.of(1L, Cbor.encode("abcd")),
                        List.of(2L, goodAnchors))),
                encodeCbor(List.of(List.of(3L, List.of(List.of(2L, hash))), List.of(0L, hash), List.of(1L, hash),
                        List.of(2L, goodAnchors))),
                encodeCbor(List.of(List.of(3L, List.of()), List.of(0L, hash), List.of(1L, hash), List.of(2L, List.of()))),
                encodeCbor(List.of(List.of(3L, List.of()), List.of(0L, hash), List.of(1L, hash),
                        List.of(2L, List.of(anchor(1L, 1L, "1f61" + "00".repeat(30)))))),
                encodeCbor(List.of(List.of(3L, List.of()), List.of(0L, hash), List.of(1L, hash),
                        List.of(2L, List.of(anchor(-1L, -1L, "0x" + "12".repeat(32)))))),
                encodeCbor(List.of(List.of(3L, List.of()), List.of(0L, hash), List.of(1L, hash),
                        List.of(2L, List.of(List.of(List.of(0L, 1L), List.of(2L, Cbor.encode("0x" + "12".repeat(32)))))))),
                encodeCbor(List.of(3L, 0L)));

        for (String proofValue : malformed) {
            assertThatThrownBy(() -> MerkleProof2019.decode(proofValue)).as(proofValue)
                    .isInstanceOf(InvalidCredentialException.class)
                    .hasMessageStartingWith("the MerkleProof2019 proofValue ");
        }
        assertThatThrownBy(() -> MerkleProof2019.decode(null)).isInstanceOf(InvalidCredentialException.class);
    }

    @Test
    void theProofIsChainedAfterTheCredentialsProof() {
        JsonObject eddsa = Json.createObjectBuilder().add("id", "urn:uuid:1").add("cryptosuite", "eddsa-rdfc-2022").build();
        JsonObject credential = Json.createObjectBuilder().add("id", "https://x.example/c/1").add("proof", eddsa).build();

        JsonObject proof = MerkleProof2019.proof(SEPOLIA, "did:web:x.example#key-1", "urn:uuid:1",
                Instant.parse("2026-11-22T10:15:30.123Z"));
        JsonObject chained = MerkleProof2019.chained(credential, proof);

        assertThat(proof.getString("id")).matches("urn:uuid:[0-9a-f-]{36}");
        assertThat(Json.createObjectBuilder(proof).remove("id").build()).isEqualTo(Json.createObjectBuilder()
                .add("type", "DataIntegrityProof").add("cryptosuite", "merkle-proof-2019")
                .add("created", "2026-11-22T10:15:30Z").add("proofPurpose", "assertionMethod")
                .add("verificationMethod", "did:web:x.example#key-1").add("previousProof", "urn:uuid:1")
                .add("proofValue", SEPOLIA).build());
        assertThat(chained.getJsonArray("proof")).containsExactly(eddsa, proof);
        assertThat(MerkleProof2019.chained(chained, proof).getJsonArray("proof")).containsExactly(eddsa, proof, proof);
        assertThat(chained.getString("id")).isEqualTo("https://x.example/c/1");
    }

    @Test
    void aCredentialSignedBeforeProofsHadIdsGetsAnAnchorProofWithoutPreviousProof() {
        JsonObject proof = MerkleProof2019.proof(SEPOLIA, "did:web:x.example#key-1", null, Instant.now());

        assertThat(proof).doesNotContainKey("previousProof");
        assertThat(proof.getString("proofValue")).isEqualTo(SEPOLIA);
    }

    private static List<Object> anchor(long chain, long network, String transaction) {
        return List.of(List.of(0L, chain), List.of(1L, network), List.of(2L, Cbor.encode(transaction)));
    }

    private static String encodeCbor(Object value) {
        return Multibase.BASE_58_BTC.encode(Cbor.encode(value));
    }

    private static byte[] nested(int depth) {
        byte[] bytes = new byte[depth + 1];
        Arrays.fill(bytes, (byte) 0x81);
        bytes[depth] = 0;
        return bytes;
    }
}
