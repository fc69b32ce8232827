package io.certbridge.credential;

import static org.assertj.core.api.Assertions.assertThat;

import com.apicatalog.rdf.canon.RdfCanon;
import com.apicatalog.rdf.nquads.NQuadsWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FirstDegreeCanonicalizationTest {

    private static final String XSD_STRING = "http://www.w3.org/2001/XMLSchema#string";
    private static final String[] PREDICATES = {"http://example.org/name", "http://example.org/knows",
            "https://www.w3.org/2018/credentials#proof", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"};

    @Test
    void randomDatasetsCanonicalizeAsTitaniumRdfcDoes() throws Exception {
        Random random = new Random(20261122);
        int compared = 0;
        for (int round = 0; round < 500; round++) {
            List<CanonicalForm.Quad> quads = dataset(random);
            var fast = FirstDegreeCanonicalization.of(quads);
            if (fast.isPresent()) {
                assertThat(fast.get().nquads()).as(quads.toString()).isEqualTo(library(quads));
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(300);
    }

    @Test
    void blankNodesThatShareAFirstDegreeHashAreLeftToTheLibrary() throws Exception {
        List<CanonicalForm.Quad> twins = List.of(
                new CanonicalForm.Quad("_:x", PREDICATES[0], "Twin", XSD_STRING),
                new CanonicalForm.Quad("_:y", PREDICATES[0], "Twin", XSD_STRING));

        assertThat(FirstDegreeCanonicalization.of(twins)).isEmpty();
        assertThat(RdfCanonicalizer.canonicalForm(twins).nquads()).isEqualTo(library(twins))
                .isEqualTo("_:c14n0 <http://example.org/name> \"Twin\" .\n_:c14n1 <http://example.org/name> \"Twin\" .\n");
    }

    /** A few blank nodes and IRIs in default and named graphs, with literals that need escaping. */
    private static List<CanonicalForm.Quad> dataset(Random random) {
        List<CanonicalForm.Quad> quads = new ArrayList<>();
        int blanks = 1 + random.nextInt(5);
        for (int i = 0, n = 2 + random.nextInt(12); i < n; i++) {
            String subject = random.nextBoolean() ? "_:n" + random.nextInt(blanks) : "urn:s:" + random.nextInt(3);
            String predicate = PREDICATES[random.nextInt(PREDICATES.length)];
            String graph = random.nextInt(3) == 0 ? "_:g" + random.nextInt(2) : null;
            if (random.nextBoolean()) {
                String text = List.of("Ada \"Lovelace\"", "line\nbreak", "é ü 😀", "tab\t", "back\\slash")
                        .get(random.nextInt(5)) + random.nextInt(4);
                quads.add(new CanonicalForm.Quad(subject, predicate, text, random.nextBoolean() ? XSD_STRING
                        : "http://www.w3.org/2001/XMLSchema#dateTime", graph));
            } else {
                String object = random.nextBoolean() ? "_:n" + random.nextInt(blanks) : "https://example.org/o/"
                        + random.nextInt(3);
                quads.add(new CanonicalForm.Quad(subject, predicate, object, null, graph));
            }
        }
        return quads;
    }

    private static String library(List<CanonicalForm.Quad> quads) throws Exception {
        RdfCanon canon = RdfCanon.create("SHA-256");
        for (CanonicalForm.Quad q : quads) {
            canon.quad(q.subject(), q.predicate(), q.object(), q.datatype(), null, null, q.graph());
        }
        StringWriter nquads = new StringWriter();
        canon.provide(new NQuadsWriter(nquads));
        return nquads.toString();
    }
}
