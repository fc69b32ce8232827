package io.certbridge.credential;

import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdOptions;
import com.apicatalog.jsonld.context.ActiveContext;
import com.apicatalog.jsonld.context.ActiveContextBuilder;
import com.apicatalog.jsonld.deseralization.JsonLdToRdf;
import com.apicatalog.jsonld.expansion.Expansion;
import com.apicatalog.jsonld.flattening.NodeMap;
import com.apicatalog.jsonld.flattening.NodeMapBuilder;
import com.apicatalog.jsonld.processor.ProcessingRuntime;
import com.apicatalog.jsonld.uri.UriValidationPolicy;
import com.apicatalog.rdf.api.RdfConsumerException;
import com.apicatalog.rdf.canon.RdfCanon;
import com.apicatalog.rdf.nquads.NQuadsWriter;
import io.certbridge.shared.TextWriter;
import static io.certbridge.credential.Jsonp.JSON;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON-LD document → RDF dataset (JSON-LD 1.1 toRdf) → RDFC-1.0 canonical N-Quads, with the bundled
 * contexts only, or with those of a given {@link JsonLdContexts}.
 *
 * <p>Processing the Open Badges and credentials contexts is most of the cost of canonicalizing a
 * credential, so the active context built from an {@code @context} made only of the hub's own
 * contexts is kept and reused; the document is then expanded against it exactly as the toRdf
 * algorithm would after processing its {@code @context} entry.
 */
public final class RdfCanonicalizer {

    private static final Map<JsonLdContexts, ProcessingRuntime> RUNTIMES = new ConcurrentHashMap<>();
    private static final Map<JsonValue, ActiveContext> BUNDLED_CONTEXTS = new ConcurrentHashMap<>();

    private RdfCanonicalizer() {
    }

    private static ProcessingRuntime runtime(JsonLdContexts contexts) {
        return RUNTIMES.computeIfAbsent(contexts, loader -> ProcessingRuntime.of(options(loader)));
    }

    private static JsonLdOptions options(JsonLdContexts contexts) {
        JsonLdOptions options = new JsonLdOptions(contexts);
        options.setUriValidation(UriValidationPolicy.SchemeOnly);
        // the loader already holds every context in memory; the default cache is not thread-safe
        options.setContextCache(null);
        options.setDocumentCache(null);
        return options;
    }

    /** How long canonicalizing one document may take: a small graph of blank nodes can otherwise take minutes. */
    private static final long BUDGET_NANOS = 500_000_000L;

    public static String canonicalNQuads(JsonObject document) throws InvalidCredentialException {
        return canonicalForm(document).nquads();
    }

    public static CanonicalForm canonicalForm(JsonObject document) throws InvalidCredentialException {
        return canonicalForm(document, JsonLdContexts.BUNDLED);
    }

    public static String canonicalNQuads(JsonObject document, JsonLdContexts contexts) throws InvalidCredentialException {
        return canonicalForm(document, contexts).nquads();
    }

    public static CanonicalForm canonicalForm(JsonObject document, JsonLdContexts contexts)
            throws InvalidCredentialException {
        try {
            JsonValue context = document.getOrDefault("@context", JsonValue.NULL);
            JsonObject body = JSON.createObjectBuilder(document).remove("@context").build();
            JsonValue expanded = Expansion.with(activeContext(context, contexts), body, null, null).compute();
            JsonArray graph = expanded.getValueType() == JsonValue.ValueType.ARRAY
                    ? expanded.asJsonArray()
                    : JSON.createArrayBuilder().add(expanded).build();
            NodeMap nodes = NodeMapBuilder.with(graph, new NodeMap()).build();
            return canonicalize(canon -> JsonLdToRdf.with(nodes).uriValidation(UriValidationPolicy.SchemeOnly)
                    .provide(canon));
        } catch (JsonLdError e) {
            throw new InvalidCredentialException("not valid JSON-LD: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new InvalidCredentialException("cannot be canonicalized: " + e.getMessage());
        }
    }

    /** The canonical N-Quads of the hub's own quads, written directly (see {@link CredentialQuads}). */
    static String canonicalNQuads(List<CanonicalForm.Quad> quads) {
        try {
            return canonicalForm(quads).nquads();
        } catch (InvalidCredentialException e) {
            throw new IllegalStateException("the hub's own quads could not be canonicalized", e);
        }
    }

    /** The canonical form of quads written directly (see {@link CredentialQuads}). */
    public static CanonicalForm canonicalForm(List<CanonicalForm.Quad> quads) throws InvalidCredentialException {
        Optional<CanonicalForm> simple = FirstDegreeCanonicalization.of(quads);
        if (simple.isPresent()) {
            return simple.get();
        }
        try {
            return canonicalize(canon -> {
                for (CanonicalForm.Quad q : quads) {
                    canon.quad(q.subject(), q.predicate(), q.object(), q.datatype(), null, null, q.graph());
                }
            });
        } catch (JsonLdError e) {
            throw new IllegalStateException(e);
        }
    }

    private interface QuadSource {
        void provide(RdfCanon canon) throws JsonLdError, RdfConsumerException;
    }

    private static CanonicalForm canonicalize(QuadSource source) throws JsonLdError, InvalidCredentialException {
        long deadline = System.nanoTime() + BUDGET_NANOS;
        try {
            RdfCanon canon = RdfCanon.create("SHA-256", () -> {
                if (System.nanoTime() > deadline) {
                    throw new OverBudget();
                }
            });
            source.provide(canon);
            TextWriter nquads = new TextWriter(Integer.MAX_VALUE);
            NQuadsWriter writer = new NQuadsWriter(nquads);
            List<CanonicalForm.Quad> quads = new ArrayList<>();
            canon.provide((subject, predicate, object, datatype, language, direction, graphName) -> {
                quads.add(new CanonicalForm.Quad(subject, predicate, object, datatype, graphName));
                return writer.quad(subject, predicate, object, datatype, language, direction, graphName);
            });
            return new CanonicalForm(nquads.toString(), quads);
        } catch (OverBudget e) {
            throw new InvalidCredentialException("too complex to canonicalize within "
                    + BUDGET_NANOS / 1_000_000 + " ms");
        } catch (RdfConsumerException e) {
            throw new InvalidCredentialException("cannot be canonicalized: " + e.getMessage());
        }
    }

    private static final class OverBudget extends IllegalStateException {
    }

    private static ActiveContext activeContext(JsonValue context, JsonLdContexts contexts) throws JsonLdError {
        if (contexts != JsonLdContexts.BUNDLED || !onlyOwnContexts(context)) {
            return process(context, runtime(contexts));
        }
        ActiveContext cached = BUNDLED_CONTEXTS.get(context);
        if (cached == null) {
            cached = process(context, runtime(contexts));
            BUNDLED_CONTEXTS.putIfAbsent(context, cached);
        }
        return cached;
    }

    private static ActiveContext process(JsonValue context, ProcessingRuntime runtime) throws JsonLdError {
        ActiveContext empty = new ActiveContext(null, null, runtime);
        return context == JsonValue.NULL ? empty : ActiveContextBuilder.with(empty).create(context, null);
    }

    private static boolean onlyOwnContexts(JsonValue context) {
        if (context instanceof JsonArray entries) {
            return entries.size() <= 4 && entries.stream().allMatch(JsonLdContexts.BUNDLED::isOwn);
        }
        return context != JsonValue.NULL && JsonLdContexts.BUNDLED.isOwn(context);
    }
}
