package io.certbridge.credential;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A document's RDFC-1.0 canonical N-Quads, which is what its proof signs, with the quads themselves:
 * what a verifier reads from a credential must be read from here, because many JSON spellings make
 * the same quads.
 */
public final class CanonicalForm {

    /**
     * One quad; {@code object} is an IRI or blank node when {@code datatype} is null, a literal otherwise;
     * {@code graph} is null for the default graph.
     */
    public record Quad(String subject, String predicate, String object, String datatype, String graph) {

        /** A quad of the default graph. */
        public Quad(String subject, String predicate, String object, String datatype) {
            this(subject, predicate, object, datatype, null);
        }
    }

    public static final String RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

    private final String nquads;
    private final List<Quad> quads;

    CanonicalForm(String nquads, List<Quad> quads) {
        this.nquads = nquads;
        this.quads = List.copyOf(quads);
    }

    public String nquads() {
        return nquads;
    }

    public List<Quad> quads() {
        return quads;
    }

    public List<String> subjectsOfType(String type) {
        return quads.stream().filter(q -> q.predicate().equals(RDF_TYPE) && q.object().equals(type))
                .map(Quad::subject).distinct().toList();
    }

    public List<String> objects(String subject, String predicate) {
        List<String> objects = new ArrayList<>();
        for (Quad quad : quads) {
            if (quad.subject().equals(subject) && quad.predicate().equals(predicate)) {
                objects.add(quad.object());
            }
        }
        return objects;
    }

    /** The single value of a property, or empty when it has none or several. */
    public Optional<String> single(String subject, String predicate) {
        List<String> objects = objects(subject, predicate);
        return objects.size() == 1 ? Optional.of(objects.get(0)) : Optional.empty();
    }
}
