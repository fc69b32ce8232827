package io.certbridge.credential;

import io.certbridge.credential.CanonicalForm.Quad;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import com.apicatalog.jcs.Jcs;

/**
 * The RDF quads of the documents the hub signs, and of its signed credentials (which anchors hash),
 * written straight from their JSON, which the hub built itself: what JSON-LD expansion would produce
 * for exactly that shape, without processing a context per node (most of the cost of signing). Any
 * document that is not exactly of that shape gets no quads here and goes through JSON-LD processing; a
 * test holds both ways to the same result.
 */
public final class CredentialQuads {

    private static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static final String VC = "https://www.w3.org/2018/credentials#";
    private static final String OB = "https://purl.imsglobal.org/spec/vc/ob/vocab.html#";
    private static final String STATUS = "https://www.w3.org/ns/credentials/status#";
    private static final String SCHEMA = "https://schema.org/";
    private static final String SEC = "https://w3id.org/security#";
    private static final String XSD = "http://www.w3.org/2001/XMLSchema#";
    /** The Open Badges context types a few literals with an https form of the XML Schema namespace. */
    private static final String OB_XSD = "https://www.w3.org/2001/XMLSchema#";

    private static final Map<String, String> TYPES = Map.of(
            "VerifiableCredential", VC + "VerifiableCredential", "OpenBadgeCredential", OB + "OpenBadgeCredential",
            "Profile", OB + "Profile", "AchievementSubject", OB + "AchievementSubject",
            "IdentityObject", OB + "IdentityObject", "Achievement", OB + "Achievement", "Evidence", OB + "Evidence",
            "BitstringStatusListEntry", STATUS + "BitstringStatusListEntry");

    /** Anything else JSON-LD would resolve against a base, or drop. */
    private static final Pattern ABSOLUTE_IRI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[^\\s<>\"{}|^`\\\\]*");

    /** Thrown when the document strays from the shape, to fall back to JSON-LD processing. */
    private static final class OtherShape extends RuntimeException {
        OtherShape() {
            super(null, null, false, false);
        }
    }

    private static final Set<String> CREDENTIAL_KEYS = Set.of("@context", "id", "type", "issuer", "validFrom",
            "validUntil", "name", "credentialSubject", "credentialStatus", "evidence");
    private static final Set<String> WITH_PROOFS_KEYS = Set.of("@context", "id", "type", "issuer", "validFrom",
            "validUntil", "name", "credentialSubject", "credentialStatus", "evidence", "proof");
    private static final Set<String> PROOF_OPTIONS_KEYS = Set.of("@context", "type", "created",
            "verificationMethod", "cryptosuite", "proofPurpose");
    private static final Set<String> PROOF_KEYS = Set.of("id", "type", "created", "verificationMethod",
            "cryptosuite", "proofPurpose", "proofValue");

    /** A set, as an RDF dataset is: a document that repeats itself states each quad once. */
    private final Set<Quad> quads = new LinkedHashSet<>();
    private int blankNodes;
    /** The graph quads are written to; null for the default graph. */
    private String graph;

    private CredentialQuads() {
    }

    /**
     * The quads of an Open Badges credential in the shape {@link OpenBadgeCredentials} builds, without
     * its proof. Every IRI must be absolute: JSON-LD would resolve or drop anything else.
     */
    public static Optional<List<Quad>> ofCredential(JsonObject credential) {
        return of(credential, CREDENTIAL_KEYS);
    }

    /**
     * The quads of such a credential with its proofs, if any: {@code proof} one proof as
     * {@link DataIntegrityProof} writes it, or an array of them. {@code proof} is a graph container in
     * VC 2.0: each proof is a named graph of its own, a blank node that the credential names as its proof.
     */
    public static Optional<List<Quad>> ofCredentialWithProofs(JsonObject credential) {
        return of(credential, WITH_PROOFS_KEYS);
    }

    private static Optional<List<Quad>> of(JsonObject credential, Set<String> keys) {
        if (!OpenBadgeCredentials.CONTEXT.equals(credential.get("@context"))) {
            return Optional.empty();
        }
        CredentialQuads writer = new CredentialQuads();
        try {
            only(credential, keys);
            writer.credential(credential);
            return Optional.of(List.copyOf(writer.quads));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The quads of Data Integrity proof options in the shape {@link DataIntegrityProof} writes them. */
    static Optional<List<Quad>> ofProofOptions(JsonObject options) {
        Set<String> keys = new HashSet<>(options.keySet());
        keys.remove("id");
        if (!keys.equals(PROOF_OPTIONS_KEYS) || !isCredentialsV2First(options.get("@context"))) {
            return Optional.empty();
        }
        CredentialQuads writer = new CredentialQuads();
        try {
            writer.proof(options);
            return Optional.of(List.copyOf(writer.quads));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void credential(JsonObject c) {
        String id = iriText(c, "id");
        type(id, c.get("type"));
        JsonObject issuer = c.getJsonObject("issuer");
        only(issuer, "id", "type", "name", "url");
        iri(id, VC + "issuer", iriText(issuer, "id"));
        type(text(issuer, "id"), issuer.get("type"));
        literal(text(issuer, "id"), SCHEMA + "name", text(issuer, "name"), null);
        literal(text(issuer, "id"), SCHEMA + "url", text(issuer, "url"), OB_XSD + "anyURI");
        literal(id, VC + "validFrom", text(c, "validFrom"), XSD + "dateTime");
        if (c.containsKey("validUntil")) {
            literal(id, VC + "validUntil", text(c, "validUntil"), XSD + "dateTime");
        }
        literal(id, SCHEMA + "name", text(c, "name"), null);
        subject(id, c.getJsonObject("credentialSubject"));
        JsonValue statuses = c.get("credentialStatus");
        for (JsonValue entry : statuses instanceof JsonArray array ? array : List.of(statuses)) {
            status(id, entry.asJsonObject());
        }
        if (c.containsKey("evidence")) {
            for (JsonValue evidence : c.getJsonArray("evidence")) {
                evidence(id, evidence.asJsonObject());
            }
        }
        JsonValue proofs = c.get("proof");
        if (proofs != null) {
            for (JsonValue proof : proofs instanceof JsonArray array ? array : List.of(proofs)) {
                proofGraph(id, proof.asJsonObject());
            }
        }
    }

    private void proofGraph(String credential, JsonObject proof) {
        only(proof, PROOF_KEYS);
        String proofGraph = blank();
        iri(credential, SEC + "proof", proofGraph);
        graph = proofGraph;
        proof(proof);
        graph = null;
    }

    /** A Data Integrity proof or its options (with {@code @context}), each with or without an id. */
    private void proof(JsonObject p) {
        // another type would not bring the DataIntegrityProof context that defines the terms below
        if (!DataIntegrityProof.TYPE.equals(text(p, "type"))
                || !DataIntegrityProof.PURPOSE.equals(text(p, "proofPurpose"))) {
            throw new OtherShape();
        }
        String proof = p.containsKey("id") ? iriText(p, "id") : blank();
        iri(proof, RDF + "type", SEC + "DataIntegrityProof");
        literal(proof, "http://purl.org/dc/terms/created", text(p, "created"), XSD + "dateTime");
        iri(proof, SEC + "verificationMethod", iriText(p, "verificationMethod"));
        literal(proof, SEC + "cryptosuite", text(p, "cryptosuite"), SEC + "cryptosuiteString");
        iri(proof, SEC + "proofPurpose", SEC + "assertionMethod");
        if (p.containsKey("proofValue")) {
            literal(proof, SEC + "proofValue", text(p, "proofValue"), SEC + "multibase");
        }
    }

    private void subject(String credential, JsonObject s) {
        only(s, "type", "identifier", "achievement", "fields");
        String subject = blank();
        iri(credential, VC + "credentialSubject", subject);
        type(subject, s.get("type"));
        for (JsonValue identifier : s.getJsonArray("identifier")) {
            JsonObject i = identifier.asJsonObject();
            only(i, "type", "identityType", "hashed", "identityHash", "salt");
            String node = blank();
            iri(subject, OB + "identifier", node);
            type(node, i.get("type"));
            literal(node, OB + "identityType", text(i, "identityType"), null);
            literal(node, OB + "hashed", String.valueOf(i.getBoolean("hashed")), OB_XSD + "boolean");
            literal(node, OB + "identityHash", text(i, "identityHash"), null);
            if (i.containsKey("salt")) {
                literal(node, OB + "salt", text(i, "salt"), null);
            }
        }
        JsonObject a = s.getJsonObject("achievement");
        only(a, "id", "type", "achievementType", "name", "description", "criteria");
        String achievement = iriText(a, "id");
        iri(subject, OB + "achievement", achievement);
        type(achievement, a.get("type"));
        literal(achievement, OB + "achievementType", text(a, "achievementType"), null);
        literal(achievement, SCHEMA + "name", text(a, "name"), null);
        literal(achievement, SCHEMA + "description", text(a, "description"), null);
        JsonObject criteria = a.getJsonObject("criteria");
        only(criteria, "narrative");
        String criteriaNode = blank();
        iri(achievement, OB + "Criteria", criteriaNode);
        literal(criteriaNode, OB + "narrative", text(criteria, "narrative"), null);
        literal(subject, "urn:certbridge:terms:fields",
                Jcs.canonize(s.getJsonObject("fields")), RDF + "JSON");
    }

    private void status(String credential, JsonObject e) {
        only(e, "id", "type", "statusPurpose", "statusListIndex", "statusListCredential");
        String entry = iriText(e, "id");
        iri(credential, VC + "credentialStatus", entry);
        type(entry, e.get("type"));
        literal(entry, STATUS + "statusPurpose", text(e, "statusPurpose"), null);
        literal(entry, STATUS + "statusListIndex", text(e, "statusListIndex"), null);
        iri(entry, STATUS + "statusListCredential", iriText(e, "statusListCredential"));
    }

    private void evidence(String credential, JsonObject e) {
        only(e, "type", "name", "description", "digestSRI");
        String node = blank();
        iri(credential, VC + "evidence", node);
        type(node, e.get("type"));
        literal(node, SCHEMA + "name", text(e, "name"), null);
        literal(node, SCHEMA + "description", text(e, "description"), null);
        literal(node, VC + "digestSRI", text(e, "digestSRI"), VC + "sriString");
    }

    private void type(String subject, JsonValue types) {
        List<JsonValue> values = types instanceof JsonArray array ? array : List.of(types);
        for (JsonValue type : values) {
            String iri = type instanceof JsonString s ? TYPES.get(s.getString()) : null;
            if (iri == null) {
                throw new OtherShape();
            }
            iri(subject, RDF + "type", iri);
        }
    }

    private void iri(String subject, String predicate, String object) {
        quads.add(new Quad(subject, predicate, object, null, graph));
    }

    private void literal(String subject, String predicate, String value, String datatype) {
        quads.add(new Quad(subject, predicate, value, datatype == null ? XSD + "string" : datatype, graph));
    }

    private String blank() {
        return "_:b" + blankNodes++;
    }

    private static void only(JsonObject object, String... keys) {
        only(object, Set.of(keys));
    }

    private static void only(JsonObject object, Set<String> keys) {
        if (!keys.containsAll(object.keySet())) {
            throw new OtherShape();
        }
    }

    private static String text(JsonObject object, String key) {
        if (!(object.get(key) instanceof JsonString s)) {
            throw new OtherShape();
        }
        return s.getString();
    }

    private static String iriText(JsonObject object, String key) {
        String iri = text(object, key);
        if (!ABSOLUTE_IRI.matcher(iri).matches()) {
            throw new OtherShape();
        }
        return iri;
    }

    private static boolean isCredentialsV2First(JsonValue context) {
        return context instanceof JsonArray array && !array.isEmpty()
                && array.get(0) instanceof JsonString s && s.getString().equals(JsonLdContexts.CREDENTIALS_V2);
    }
}
