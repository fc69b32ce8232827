package io.certbridge.verification;

import static io.certbridge.credential.Jsonp.JSON;

import io.certbridge.credential.DataIntegrityProof;
import io.certbridge.credential.JsonLdContexts;
import io.certbridge.credential.XsdDateTime;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The shape a credential must have before its proof is worth checking. What the credential states
 * (issuer, dates, status) is read later from its signed quads, not from here.
 */
final class Format {

    /**
     * The JSON-LD keywords a credential may use as keys below its top level. Any other "@…" key is
     * ignored by JSON-LD, so unsigned; a nested @context could redefine terms.
     */
    private static final Set<String> KEYWORDS = Set.of("@id", "@type", "@value", "@language", "@direction",
            "@list", "@set", "@graph", "@included", "@index", "@reverse", "@json");

    private Format() {
    }

    /** What is wrong with the credential's shape, in words; empty when nothing is. */
    static Optional<String> problem(JsonObject credential) {
        if (!(credential.get("@context") instanceof JsonArray contexts) || contexts.isEmpty()
                || !JsonLdContexts.CREDENTIALS_V2.equals(string(contexts.get(0)))) {
            return Optional.of("@context must be an array that starts with " + JsonLdContexts.CREDENTIALS_V2
                    + " (Verifiable Credentials 2.0)");
        }
        for (JsonValue context : contexts) {
            if (context instanceof JsonString url && !JsonLdContexts.BUNDLED.knows(url.getString())) {
                return Optional.of("unknown JSON-LD context " + url.getString()
                        + ": only the contexts bundled with the hub are used, and nothing is fetched");
            }
            if (!JsonLdContexts.BUNDLED.isOwn(context)) {
                return Optional.of("an inline context other than the hub's own could redefine or drop terms, "
                        + "so that part of the credential would not be signed");
            }
        }
        Optional<String> keyword = unknownKeyword(JSON.createObjectBuilder(credential).remove("@context").build());
        if (keyword.isPresent()) {
            return Optional.of("the key " + keyword.get() + " is not allowed there: JSON-LD would ignore it or let it "
                    + "redefine terms, so no proof would cover it");
        }
        if (issuerId(credential) == null) {
            return Optional.of("issuer must be an id or a profile with an id");
        }
        JsonObject proof = proof(credential);
        if (proof == null) {
            return Optional.of(credential.containsKey("proof")
                    ? "no proof of type " + DataIntegrityProof.TYPE + " with cryptosuite " + DataIntegrityProof.CRYPTOSUITE
                    : "the credential has no proof");
        }
        if (!DataIntegrityProof.PURPOSE.equals(string(proof, "proofPurpose"))) {
            return Optional.of("the proof's purpose must be " + DataIntegrityProof.PURPOSE);
        }
        if (string(proof, "verificationMethod") == null || string(proof, "proofValue") == null) {
            return Optional.of("the proof needs a verificationMethod and a proofValue");
        }
        if (proof.containsKey("created") && XsdDateTime.parse(string(proof, "created")).isEmpty()) {
            return Optional.of("the proof's created must be an XML Schema dateTime");
        }
        return Optional.empty();
    }

    /** The credential's eddsa-rdfc-2022 Data Integrity proof, or null when it has none. */
    static JsonObject proof(JsonObject credential) {
        return proof(credential, DataIntegrityProof.CRYPTOSUITE).orElse(null);
    }

    /** The credential's first Data Integrity proof with this cryptosuite. */
    static Optional<JsonObject> proof(JsonObject credential, String cryptosuite) {
        JsonValue proof = credential.get("proof");
        List<JsonValue> proofs = proof instanceof JsonArray array ? array : proof == null ? List.of() : List.of(proof);
        return proofs.stream()
                .filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
                .filter(p -> DataIntegrityProof.TYPE.equals(string(p, "type"))
                        && cryptosuite.equals(string(p, "cryptosuite")))
                .findFirst();
    }

    /** The issuer's id as the JSON gives it (an id, or a profile's id); the signed quads must agree. */
    static String issuerId(JsonObject credential) {
        JsonValue issuer = credential.get("issuer");
        return issuer instanceof JsonObject profile ? string(profile, "id") : string(issuer);
    }

    static String string(JsonObject object, String key) {
        return string(object.get(key));
    }

    static List<String> values(JsonValue value) {
        if (value instanceof JsonArray array) {
            return array.stream().map(Format::string).filter(s -> s != null).toList();
        }
        String single = string(value);
        return single == null ? List.of() : List.of(single);
    }

    private static String string(JsonValue value) {
        return value instanceof JsonString s ? s.getString() : null;
    }

    private static Optional<String> unknownKeyword(JsonValue value) {
        if (value instanceof JsonObject object) {
            for (var entry : object.entrySet()) {
                if (entry.getKey().startsWith("@") && !KEYWORDS.contains(entry.getKey())) {
                    return Optional.of(entry.getKey());
                }
                Optional<String> nested = unknownKeyword(entry.getValue());
                if (nested.isPresent()) {
                    return nested;
                }
            }
        } else if (value instanceof JsonArray array) {
            for (JsonValue item : array) {
                Optional<String> nested = unknownKeyword(item);
                if (nested.isPresent()) {
                    return nested;
                }
            }
        }
        return Optional.empty();
    }
}
