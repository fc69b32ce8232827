package io.certbridge.verification;

import io.certbridge.credential.DataIntegrityProof;
import io.certbridge.credential.JsonLdContexts;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** The shape a credential must have before its proof can be checked. */
final class Format {

    private Format() {
    }

    /** What is wrong with the credential's shape, in words; empty when nothing is. */
    static Optional<String> problem(JsonObject credential) {
        if (!(credential.get("@context") instanceof JsonArray contexts) || contexts.isEmpty()
                || !JsonLdContexts.CREDENTIALS_V2.equals(string(contexts, 0))) {
            return Optional.of("@context must be an array that starts with " + JsonLdContexts.CREDENTIALS_V2
                    + " (Verifiable Credentials 2.0)");
        }
        for (JsonValue context : contexts) {
            if (context instanceof JsonString url && !JsonLdContexts.BUNDLED.knows(url.getString())) {
                return Optional.of("unknown JSON-LD context " + url.getString()
                        + ": only the contexts bundled with the hub are used, and nothing is fetched");
            }
        }
        if (!values(credential.get("type")).contains("VerifiableCredential")) {
            return Optional.of("type must include VerifiableCredential");
        }
        JsonValue issuer = credential.get("issuer");
        if (!(issuer instanceof JsonString) && !(issuer instanceof JsonObject profile && string(profile, "id") != null)) {
            return Optional.of("issuer must be an id or a profile with an id");
        }
        if (!(credential.get("credentialSubject") instanceof JsonObject)
                && !(credential.get("credentialSubject") instanceof JsonArray)) {
            return Optional.of("credentialSubject is missing");
        }
        for (String date : List.of("validFrom", "validUntil")) {
            if (credential.containsKey(date) && !isDateTime(string(credential, date))) {
                return Optional.of(date + " must be an XML Schema dateTime with a time zone");
            }
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
        if (proof.containsKey("created") && !isDateTime(string(proof, "created"))) {
            return Optional.of("the proof's created must be an XML Schema dateTime");
        }
        return Optional.empty();
    }

    /** The credential's eddsa-rdfc-2022 Data Integrity proof, or null when it has none. */
    static JsonObject proof(JsonObject credential) {
        JsonValue proof = credential.get("proof");
        List<JsonValue> proofs = proof instanceof JsonArray array ? array : proof == null ? List.of() : List.of(proof);
        return proofs.stream()
                .filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
                .filter(p -> DataIntegrityProof.TYPE.equals(string(p, "type"))
                        && DataIntegrityProof.CRYPTOSUITE.equals(string(p, "cryptosuite")))
                .findFirst().orElse(null);
    }

    static String string(JsonObject object, String key) {
        return object.get(key) instanceof JsonString s ? s.getString() : null;
    }

    private static String string(JsonArray array, int index) {
        return array.get(index) instanceof JsonString s ? s.getString() : null;
    }

    private static List<String> values(JsonValue value) {
        if (value instanceof JsonString s) {
            return List.of(s.getString());
        }
        if (value instanceof JsonArray array) {
            return array.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).toList();
        }
        return List.of();
    }

    private static boolean isDateTime(String value) {
        if (value == null) {
            return false;
        }
        try {
            OffsetDateTime.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
