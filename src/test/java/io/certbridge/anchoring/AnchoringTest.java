package io.certbridge.anchoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.backbone.KafkaSettings;
import io.certbridge.support.AnvilNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubTestBase;
import io.certbridge.support.KafkaTopicReader;
import io.certbridge.support.NodeBlockcerts;
import io.certbridge.support.NodeCredentialVerifier;
import io.certbridge.support.OutsideSystems;
import io.certbridge.support.TestResources;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The shared hub anchors on a local anvil node (see {@link OutsideSystems#chain()}): windows of one second,
 * two confirmations, and a first RPC URL that nothing answers, so that both sending and verifying go on
 * to the next.
 */
class AnchoringTest extends HubTestBase {

    private static final Duration ANCHORED = Duration.ofSeconds(60);

    @Autowired
    KafkaSettings kafka;

    private final AnvilNode chain = OutsideSystems.chain();

    @Test
    void certificatesOfAWindowShareOneTransactionCarryingItsRoot() {
        String template = courseTemplate();
        List<String> ids = IntStream.range(0, 12)
                .mapToObj(i -> api().post("/v1/certificates", certificate(template, "learner" + i + "@example.org"))
                        .body().get("id").asText())
                .toList();
        assertThat(api().get("/v1/certificates/" + ids.get(0)).body().at("/anchor/status").asText())
                .isIn("pending", "sealed", "submitted");

        List<JsonNode> anchors = ids.stream().map(this::confirmedAnchor).toList();

        Set<String> roots = new HashSet<>();
        Set<String> transactions = new HashSet<>();
        for (JsonNode anchor : anchors) {
            assertThat(anchor.get("chain_id").asLong()).isEqualTo(chain.chainId());
            assertThat(anchor.get("network").asText()).isEqualTo("local");
            assertThat(anchor.get("confirmations").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(anchor.get("merkle_root").asText()).matches("[0-9a-f]{64}");
            roots.add(anchor.get("merkle_root").asText());
            transactions.add(anchor.get("transaction_hash").asText());
            JsonNode transaction = chain.rpc("eth_getTransactionByHash", anchor.get("transaction_hash").asText());
            assertThat(transaction.get("input").asText()).isEqualTo("0x" + anchor.get("merkle_root").asText());
            assertThat(transaction.get("from").asText()).isEqualToIgnoringCase(AnvilNode.FUNDED_ADDRESS);
            assertThat(Long.decode(transaction.get("blockNumber").asText())).isEqualTo(anchor.get("block_number").asLong());
            JsonNode receipt = chain.rpc("eth_getTransactionReceipt", anchor.get("transaction_hash").asText());
            assertThat(Long.decode(receipt.get("gasUsed").asText())).isLessThanOrEqualTo(22_280);
        }
        assertThat(transactions).hasSameSizeAs(roots);
    }

    @Test
    void anAnchoredCredentialCarriesAChainedMerkleProof2019AndVerifiesOnChain() {
        String id = api().post("/v1/certificates", certificate(courseTemplate(), "ada@example.org")).body()
                .get("id").asText();
        JsonNode anchor = confirmedAnchor(id);

        JsonNode credential = api().get("/v1/certificates/" + id).body().get("credential");
        JsonNode proofs = credential.get("proof");
        assertThat(proofs.isArray()).isTrue();
        assertThat(proofs).hasSize(2);
        assertThat(proofs.get(0).get("cryptosuite").asText()).isEqualTo("eddsa-rdfc-2022");
        assertThat(proofs.get(1).get("cryptosuite").asText()).isEqualTo("merkle-proof-2019");
        assertThat(proofs.get(1).get("previousProof").asText()).isEqualTo(proofs.get(0).get("id").asText());
        assertThat(anonymous().get("/credentials/" + id).body()).isEqualTo(credential);

        NodeBlockcerts.Reading blockcerts = NodeBlockcerts.read(credential.toString(), proofs.get(1).toString(),
                TestResources.publicContexts());
        assertThat(blockcerts.localHash()).isEqualTo(blockcerts.targetHash());
        assertThat(blockcerts.pathFoldsToRoot()).isTrue();
        assertThat(blockcerts.merkleRoot()).isEqualTo(anchor.get("merkle_root").asText());
        assertThat(blockcerts.anchors()).singleElement().asString()
                .endsWith(":" + anchor.get("transaction_hash").asText());
        assertThat(NodeCredentialVerifier.verify(credential.toString(), TestResources.publicContextsAnd(
                credential.at("/issuer/id").asText(), anonymous().get("/.well-known/did.json").raw().body())))
                .isEqualTo(new NodeCredentialVerifier.Result(true, null));

        JsonNode verification = anonymous().post("/v1/verify", credential).body();
        assertThat(verification.get("status").asText()).isEqualTo("valid");
        JsonNode check = check(verification, "anchor");
        assertThat(check.get("passed").asBoolean()).isTrue();
        assertThat(check.get("detail").asText()).contains(anchor.get("transaction_hash").asText(),
                anchor.get("merkle_root").asText(), "block " + anchor.get("block_number").asLong());

        List<JsonNode> events = KafkaTopicReader.read(kafka.bootstrapServers(), kafka.topics().certificateEvents(),
                e -> e.get("type").asText().equals("certificate.anchored")
                        && id.equals(e.at("/data/certificate_id").asText()), 2, Duration.ofSeconds(10));
        assertThat(events).hasSize(1);
        assertThat(events.get(0).at("/data/anchor/transaction_hash").asText())
                .isEqualTo(anchor.get("transaction_hash").asText());
        assertThat(events.get(0).at("/data/anchor/status").asText()).isEqualTo("confirmed");
    }

    @Test
    void anAnchorProofThatPointsElsewhereIsInvalid() {
        String template = courseTemplate();
        String first = api().post("/v1/certificates", certificate(template, "a@example.org")).body().get("id").asText();
        JsonNode firstAnchor = confirmedAnchor(first);
        String second = api().post("/v1/certificates", certificate(template, "b@example.org")).body().get("id").asText();
        JsonNode secondAnchor = confirmedAnchor(second);
        assertThat(secondAnchor.get("transaction_hash")).isNotEqualTo(firstAnchor.get("transaction_hash"));
        ObjectNode credential = (ObjectNode) api().get("/v1/certificates/" + second).body().get("credential");
        ObjectNode anchorProof = (ObjectNode) credential.get("proof").get(1);

        MerkleProof2019.Receipt receipt = decode(anchorProof.get("proofValue").asText());
        anchorProof.put("proofValue", MerkleProof2019.encode(new MerkleProof2019.Receipt(receipt.merkleRoot(),
                receipt.targetHash(), receipt.path(), List.of(new MerkleProof2019.Anchor(chain.chainId(),
                firstAnchor.get("transaction_hash").asText())))));
        JsonNode otherTransaction = anonymous().post("/v1/verify", credential).body();
        assertThat(otherTransaction.get("status").asText()).isEqualTo("invalid");
        assertThat(check(otherTransaction, "anchor").get("detail").asText()).contains("does not carry the root");

        anchorProof.put("proofValue", MerkleProof2019.encode(receipt));
        String method = anchorProof.get("verificationMethod").asText();
        anchorProof.put("verificationMethod", method.substring(0, method.lastIndexOf(':') + 1)
                + "0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
        JsonNode otherAccount = anonymous().post("/v1/verify", credential).body();
        assertThat(otherAccount.get("status").asText()).isEqualTo("invalid");
        assertThat(check(otherAccount, "anchor").get("detail").asText())
                .contains("not an account this hub anchors with");
        anchorProof.put("verificationMethod", method);

        byte[] otherRoot = receipt.merkleRoot().clone();
        otherRoot[0] ^= 1;
        anchorProof.put("proofValue", MerkleProof2019.encode(new MerkleProof2019.Receipt(otherRoot,
                receipt.targetHash(), receipt.path(), receipt.anchors())));
        JsonNode otherRootVerification = anonymous().post("/v1/verify", credential).body();
        assertThat(otherRootVerification.get("status").asText()).isEqualTo("invalid");
        assertThat(check(otherRootVerification, "anchor").get("detail").asText())
                .contains("does not lead from the credential's hash to the root");
    }

    @Test
    void sandboxCertificatesAreNeverAnchored() {
        ApiClient sandbox = keyWith("test", "certificates:write", "certificates:read");
        String template = courseTemplate();
        JsonNode created = sandbox.post("/v1/certificates", certificate(template, "sandbox@example.org")).body();
        String live = api().post("/v1/certificates", certificate(template, "live@example.org")).body().get("id").asText();

        confirmedAnchor(live);

        assertThat(created.get("anchor").isNull()).isTrue();
        JsonNode later = sandbox.get("/v1/certificates/" + created.get("id").asText()).body();
        assertThat(later.get("anchor").isNull()).isTrue();
        assertThat(later.get("credential").get("proof")).as("the Ed25519 proof alone").hasSize(1);
    }

    private JsonNode confirmedAnchor(String id) {
        return await().atMost(ANCHORED).pollInterval(Duration.ofMillis(200))
                .until(() -> api().get("/v1/certificates/" + id).body().get("anchor"),
                        anchor -> "confirmed".equals(anchor.path("status").asText()));
    }

    private static JsonNode check(JsonNode verification, String name) {
        for (JsonNode check : verification.get("checks")) {
            if (name.equals(check.get("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("No check " + name + " in " + verification);
    }

    private static MerkleProof2019.Receipt decode(String proofValue) {
        try {
            return MerkleProof2019.decode(proofValue);
        } catch (io.certbridge.credential.InvalidCredentialException e) {
            throw new AssertionError(e);
        }
    }
}
