package io.certbridge.credential;

import com.apicatalog.rdf.nquads.NQuadsWriter;
import io.certbridge.shared.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * RDFC-1.0 for a dataset whose blank nodes all have distinct first-degree hashes, as the hub's credentials
 * do: their canonical labels then follow from those hashes alone (the "simple" issuance of the algorithm),
 * and each quad is written as N-Quads once. titanium-rdfc writes a quad anew on every comparison of its
 * final sort, which was a quarter of the cost of signing a credential. A dataset with shared hashes needs
 * the N-degree algorithm, and is left to the library.
 */
final class FirstDegreeCanonicalization {

    private static final String REFERENCE = "_:a";
    private static final String OTHER = "_:z";

    private FirstDegreeCanonicalization() {
    }

    /** The canonical form, or empty when two blank nodes share a first-degree hash. */
    static Optional<CanonicalForm> of(List<CanonicalForm.Quad> quads) {
        // as in titanium-rdfc, a quad counts once for each position in which a blank node appears
        Map<String, List<CanonicalForm.Quad>> mentions = new HashMap<>();
        for (CanonicalForm.Quad quad : quads) {
            for (String term : new String[] {quad.subject(), objectNode(quad), quad.graph()}) {
                if (isBlank(term)) {
                    mentions.computeIfAbsent(term, blank -> new ArrayList<>()).add(quad);
                }
            }
        }
        Map<String, String> blankByHash = new TreeMap<>();
        MessageDigest sha256 = Sha256.digest();
        for (Map.Entry<String, List<CanonicalForm.Quad>> blank : mentions.entrySet()) {
            if (blankByHash.put(firstDegreeHash(blank.getKey(), blank.getValue(), sha256), blank.getKey()) != null) {
                return Optional.empty();
            }
        }
        Map<String, String> labels = new HashMap<>();
        for (String blank : blankByHash.values()) {
            labels.put(blank, "_:c14n" + labels.size());
        }

        List<CanonicalForm.Quad> relabeled = new ArrayList<>();
        for (CanonicalForm.Quad quad : new LinkedHashSet<>(quads)) {
            relabeled.add(new CanonicalForm.Quad(labels.getOrDefault(quad.subject(), quad.subject()), quad.predicate(),
                    quad.datatype() == null ? labels.getOrDefault(quad.object(), quad.object()) : quad.object(),
                    quad.datatype(), quad.graph() == null ? null : labels.getOrDefault(quad.graph(), quad.graph())));
        }
        String[] lines = relabeled.stream().map(FirstDegreeCanonicalization::nquad).toArray(String[]::new);
        Integer[] order = new Integer[lines.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparing(i -> lines[i]));
        StringBuilder nquads = new StringBuilder();
        List<CanonicalForm.Quad> sorted = new ArrayList<>(lines.length);
        for (int i : order) {
            nquads.append(lines[i]);
            sorted.add(relabeled.get(i));
        }
        return Optional.of(new CanonicalForm(nquads.toString(), sorted));
    }

    private static String firstDegreeHash(String blank, List<CanonicalForm.Quad> quads, MessageDigest sha256) {
        String[] lines = new String[quads.size()];
        for (int i = 0; i < lines.length; i++) {
            CanonicalForm.Quad quad = quads.get(i);
            lines[i] = NQuadsWriter.nquad(stand(quad.subject(), blank), quad.predicate(),
                    quad.datatype() == null ? stand(quad.object(), blank) : quad.object(), quad.datatype(), null, null,
                    quad.graph() == null ? null : stand(quad.graph(), blank));
        }
        Arrays.sort(lines);
        sha256.reset();
        for (String line : lines) {
            sha256.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** A blank node as the first-degree hash of {@code reference} writes it. */
    private static String stand(String term, String reference) {
        return !isBlank(term) ? term : term.equals(reference) ? REFERENCE : OTHER;
    }

    private static String nquad(CanonicalForm.Quad quad) {
        return NQuadsWriter.nquad(quad.subject(), quad.predicate(), quad.object(), quad.datatype(), null, null,
                quad.graph());
    }

    private static String objectNode(CanonicalForm.Quad quad) {
        return quad.datatype() == null ? quad.object() : null;
    }

    private static boolean isBlank(String term) {
        return term != null && term.startsWith("_:");
    }
}
