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

    /**
     * What is wrong with the credential's shape, in words; empty when nothing is. Every context it names must be one
     * of {@code contexts} (bundled, or allowed by the operator): none is ever fetched.
     */
    static Optional<String> problem(JsonObject credential, JsonLdContexts contexts) {
        if (!(credential.get("@context") instanceof JsonArray array) || array.isEmpty()
                || version(credential) == null) {
            return Optional.of("@context must be an array that starts with " + JsonLdContexts.CREDENTIALS_V2
                    + " (Verifiable Credentials 2.0) or " + JsonLdContexts.CREDENTIALS_V1 + " (1.1)");
        }
        for (JsonValue context : array) {
            if (context instanceof JsonString url && !contexts.knows(url.getString())) {
                return Optional.of("unknown context " + url.getString() + ": it is neither bundled with the hub nor "
                        + "allowed by its operator (certbridge.verification.contexts); nothing is fetched");
            }
            if (!(context instanceof JsonString) && !JsonLdContexts.BUNDLED.isOwn(context)) {
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
        Optional<Cryptosuite.Proof> found = Cryptosuite.find(credential);
        if (found.isEmpty()) {
            return Optional.of(credential.containsKey("proof")
                    ? "no proof of a kind this hub checks: " + Cryptosuite.names()
                    : "the credential has no proof");
        }
        JsonObject proof = found.get().value();
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

    /** "2.0" or "1.1", by the credential's first context; null when it is neither. */
    static String version(JsonObject credential) {
        if (credential.get("@context") instanceof JsonArray array && !array.isEmpty()) {
            String first = string(array.get(0));
            return JsonLdContexts.CREDENTIALS_V2.equals(first) ? "2.0"
                    : JsonLdContexts.CREDENTIALS_V1.equals(first) ? "1.1" : null;
        }
        return null;
    }

    /** The credential's eddsa-rdfc-2022 Data Integrity proof (the kind the hub signs with), or null when it has none. */
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
