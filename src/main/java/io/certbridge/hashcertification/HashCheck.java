package io.certbridge.hashcertification;

import io.certbridge.anchoring.Anchor;
import io.certbridge.anchoring.HashAnchoring;
import io.certbridge.anchoring.HashAnchoring.HashProof;
import io.certbridge.anchoring.MerkleTree;
import io.certbridge.shared.problems.FieldError;
import io.certbridge.shared.problems.MalformedInput;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Says whether a hash is one of a report's files and how far it is proved: {@code sealed} once its Merkle path leads
 * to a root the hub signed, {@code anchored} once a confirmed transaction carries that root. The path is folded
 * again here rather than trusted.
 */
@Component
class HashCheck {

    private static final HexFormat HEX = HexFormat.of();

    record Result(String reportId, String hash, boolean included, String fileName, boolean sealed, boolean anchored,
                  String merkleRoot, Anchor anchor, Instant anchoredAt) {
    }

    private final HashAnchoring anchoring;
    private final HashCertifications reports;

    HashCheck(HashAnchoring anchoring, HashCertifications reports) {
        this.anchoring = anchoring;
        this.reports = reports;
    }

    static byte[] parse(String hash) {
        if (!HashCertificationRequest.isSha256(hash)) {
            throw new MalformedInput("TS-002", "Validation error", "hash: must be a SHA-256: 64 hexadecimal characters",
                    List.of(new FieldError("hash", "must be a SHA-256: 64 hexadecimal characters")));
        }
        return HEX.parseHex(hash);
    }

    Result check(HashCertifications.Report report, byte[] hash) {
        String hex = HEX.formatHex(hash);
        for (HashProof proof : anchoring.proofs(report.id())) {
            if (!Arrays.equals(proof.hash(), hash)) {
                continue;
            }
            boolean sealed = proof.sealed()
                    && HEX.formatHex(MerkleTree.fold(hash, proof.path())).equals(proof.merkleRoot());
            return new Result(report.id(), hex, true, reports.fileName(report, proof.position()), sealed,
                    sealed && proof.anchored(), proof.merkleRoot(), proof.anchor(), proof.anchoredAt());
        }
        return new Result(report.id(), hex, false, null, false, false, null, null, null);
    }
}
