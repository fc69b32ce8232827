package io.certbridge.hashcertification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.certbridge.anchoring.Anchor;
import io.certbridge.anchoring.HashAnchoring.HashProof;
import io.certbridge.credential.IssuerIdentity;
import io.certbridge.document.CertificatePdf;
import io.certbridge.shared.ClasspathText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The documents of a completed hash certification. The data document (JSON) holds, for each file, its hash, its
 * Merkle path to the window's root, the root, the hub's signature of the root and, when anchored, the chain,
 * transaction, block and time; with it anyone can check a file without the hub. The PDF report says the same for
 * people and carries the data document as an attachment ({@code data.json}).
 */
@Component
class CertificationDocuments {

    private static final HexFormat HEX = HexFormat.of();

    private final ObjectMapper mapper;
    private final IssuerIdentity issuer;
    private final CertificatePdf pdf;
    private final Template report = Mustache.compiler().escapeHTML(true).defaultValue("")
            .compile(ClasspathText.read("designs/hash-certification-report.html"));

    CertificationDocuments(ObjectMapper mapper, IssuerIdentity issuer, CertificatePdf pdf) {
        this.mapper = mapper;
        this.issuer = issuer;
        this.pdf = pdf;
    }

    byte[] data(HashCertifications.Report certification, List<HashProof> proofs, Instant completedAt) {
        ObjectNode data = mapper.createObjectNode();
        data.put("report_id", certification.id());
        data.put("title", certification.title());
        data.put("issuer", issuer.did(false));
        data.put("created_at", certification.createdAt().toString());
        data.put("completed_at", completedAt.toString());
        data.set("metadata", read(certification.metadata()));
        data.put("hash_algorithm", "SHA-256");
        data.put("merkle_tree", "The leaf is the file's SHA-256. Each step hashes SHA-256(left || right) of the raw "
                + "32 bytes, the sibling on the side the step names; folding the path from the leaf gives the root.");
        ArrayNode files = data.putArray("files");
        JsonNode names = read(certification.files());
        for (HashProof proof : proofs) {
            ObjectNode file = files.addObject();
            file.put("file_name", names.get(proof.position()).get("file_name").asText());
            file.put("hash", HEX.formatHex(proof.hash()));
            file.put("leaf_index", proof.leaf());
            file.put("tree_leaves", proof.windowLeaves());
            ArrayNode path = file.putArray("merkle_path");
            proof.path().forEach(step -> path.addObject().put(step.left() ? "left" : "right",
                    HEX.formatHex(step.sibling())));
            file.put("merkle_root", proof.merkleRoot());
            file.put("root_signature", proof.rootSignature());
            file.put("signing_key", issuer.verificationMethod(proof.signingKey(), false));
            file.put("sealed_at", proof.sealedAt().toString());
            file.set("anchor", anchor(proof));
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] report(HashCertifications.Report certification, List<HashProof> proofs, Instant completedAt,
                  byte[] data) {
        JsonNode names = read(certification.files());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("title", certification.title());
        view.put("report_id", certification.id());
        view.put("issuer", issuer.name());
        view.put("issuer_did", issuer.did(false));
        view.put("created_at", certification.createdAt().toString());
        view.put("completed_at", completedAt.toString());
        view.put("files", proofs.stream().map(proof -> Map.of(
                "file_name", names.get(proof.position()).get("file_name").asText(),
                "hash", HEX.formatHex(proof.hash()),
                "merkle_root", proof.merkleRoot(),
                "anchor", proof.anchored() ? anchorText(proof.anchor(), proof.anchoredAt())
                        : "sealed " + proof.sealedAt() + ", signed by the hub; not anchored on a chain")).toList());
        view.put("metadata", certification.metadata() == null ? List.of() : read(certification.metadata())
                .properties().stream().map(e -> Map.of("key", e.getKey(),
                        "value", e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString())).toList());
        return pdf.render(report.execute(view), new CertificatePdf.Attachment("data.json", "application/json",
                "The certification's data: each file's hash with its Merkle path, root and anchor", data));
    }

    private ObjectNode anchor(HashProof proof) {
        if (!proof.anchored()) {
            return null;
        }
        Anchor anchor = proof.anchor();
        ObjectNode node = mapper.createObjectNode();
        node.put("chain_id", anchor.chainId());
        node.put("network", anchor.network());
        node.put("transaction_hash", anchor.transactionHash());
        node.put("block_number", anchor.blockNumber());
        node.put("confirmations", anchor.confirmations());
        node.put("anchored_at", proof.anchoredAt().toString());
        return node;
    }

    private static String anchorText(Anchor anchor, Instant at) {
        return anchor.network() + " (chain " + anchor.chainId() + "), transaction " + anchor.transactionHash()
                + " in block " + anchor.blockNumber() + ", confirmed " + at;
    }

    private JsonNode read(String json) {
        try {
            return json == null ? null : mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
