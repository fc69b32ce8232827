package io.certbridge.verification;

import io.certbridge.credential.XsdDateTime;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The key behind a verification method of another issuer's did:web, from the DID document fetched over https: the
 * method must be one of the document's assertion methods, controlled by the DID, and written as a Multikey,
 * Ed25519VerificationKey2020 or JsonWebKey2020/JsonWebKey. A method with {@code revoked} in the past is refused: the
 * Controlled Identifiers 1.0 spec has systems not verify proofs of a method at or after its revocation,
 * whenever the proof says it was created (a stolen key can write any date).
 */
@Component
class DidDocuments {

    private final OutsideDocuments documents;
    private final Clock clock;

    DidDocuments(OutsideDocuments documents, Clock clock) {
        this.documents = documents;
        this.clock = clock;
    }

    VerificationKey key(String did, String verificationMethod) throws IssuerKeys.NoKey {
        String url = DidWeb.documentUrl(did)
                .orElseThrow(() -> new IssuerKeys.NoKey(did + " is not a well-formed did:web"));
        JsonObject document;
        try {
            document = documents.get(url);
        } catch (OutsideDocuments.Unavailable e) {
            throw new IssuerKeys.NoKey("the issuer's DID document could not be had: " + e.getMessage());
        }
        if (!did.equals(Format.string(document, "id"))) {
            throw new IssuerKeys.NoKey("the DID document at " + url + " is not the document of " + did);
        }
        JsonObject method = assertionMethod(document, did, verificationMethod)
                .orElseThrow(() -> new IssuerKeys.NoKey(verificationMethod + " is not an assertion method in "
                        + did + "'s DID document"));
        String controller = Format.string(method, "controller");
        if (controller != null && !controller.equals(did)) {
            throw new IssuerKeys.NoKey(verificationMethod + " is controlled by " + controller + ", not by " + did);
        }
        if (method.containsKey("revoked")) {
            Instant revoked = XsdDateTime.parse(Format.string(method, "revoked")).orElse(Instant.MIN);
            if (!clock.instant().isBefore(revoked)) {
                throw new IssuerKeys.NoKey("the issuer revoked the key " + verificationMethod
                        + (revoked == Instant.MIN ? "" : " on " + revoked) + ", so no proof made with it is accepted");
            }
        }
        VerificationKey key = key(method);
        if (key == null) {
            throw new IssuerKeys.NoKey(verificationMethod + " is not an Ed25519, P-256 or P-384 key written as a "
                    + "Multikey, Ed25519VerificationKey2020 or JsonWebKey");
        }
        return key;
    }

    private static Optional<JsonObject> assertionMethod(JsonObject document, String did, String wanted) {
        List<JsonValue> assertions = listed(document, "assertionMethod");
        for (JsonValue assertion : assertions) {
            if (assertion instanceof JsonObject embedded && wanted.equals(absolute(did, Format.string(embedded, "id")))) {
                return Optional.of(embedded);
            }
        }
        boolean referenced = assertions.stream().map(Format::values).flatMap(List::stream)
                .anyMatch(reference -> wanted.equals(absolute(did, reference)));
        if (!referenced) {
            return Optional.empty();
        }
        return listed(document, "verificationMethod").stream()
                .filter(JsonObject.class::isInstance).map(JsonObject.class::cast)
                .filter(method -> wanted.equals(absolute(did, Format.string(method, "id"))))
                .findFirst();
    }

    private static List<JsonValue> listed(JsonObject document, String property) {
        JsonValue value = document.get(property);
        return value instanceof JsonArray array ? array : value == null ? List.of() : List.of(value);
    }

    /** A method id as the document writes it ("#key-1" or the full DID URL), made absolute against the DID. */
    private static String absolute(String did, String id) {
        if (id == null) {
            return null;
        }
        return id.startsWith("#") ? did + id : id;
    }

    private static VerificationKey key(JsonObject method) {
        String type = Format.string(method, "type");
        if ("Multikey".equals(type) || "Ed25519VerificationKey2020".equals(type)) {
            VerificationKey key = KeyEncodings.multikey(Format.string(method, "publicKeyMultibase"));
            return "Ed25519VerificationKey2020".equals(type) && !(key instanceof VerificationKey.Ed25519) ? null : key;
        }
        if (("JsonWebKey2020".equals(type) || "JsonWebKey".equals(type))
                && method.get("publicKeyJwk") instanceof JsonObject jwk && !jwk.containsKey("d")) {
            return KeyEncodings.jwk(jwk);
        }
        return null;
    }
}
