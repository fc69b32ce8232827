package io.certbridge.verification;

import static io.certbridge.credential.Jsonp.JSON;

import io.certbridge.credential.CanonicalForm;
import io.certbridge.credential.CredentialQuads;
import io.certbridge.credential.InvalidCredentialException;
import io.certbridge.credential.JsonLdContexts;
import io.certbridge.credential.RdfCanonicalizer;
import io.certbridge.verification.Verification.Check;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Whether a credential is what its issuer signed: its format, its issuer's key, and its proof, recomputed from the
 * document. The key is looked up before the costly canonicalization, so a credential no key can vouch for costs
 * little. A credential of the exact shape the hub issues is canonicalized from quads written straight from its JSON;
 * any other goes through JSON-LD processing.
 */
@Component
class ProofCheck {

    /** The checks made, in order, and what the proof covers when it held. */
    record Outcome(List<Check> checks, Optional<CanonicalForm> signed, Optional<SignedClaims> claims) {

        boolean holds() {
            return claims.isPresent();
        }
    }

    private final IssuerKeys issuerKeys;
    private final JsonLdContexts contexts;

    ProofCheck(IssuerKeys issuerKeys, VerificationContexts contexts) {
        this.issuerKeys = issuerKeys;
        this.contexts = contexts.contexts();
    }

    Outcome check(JsonObject credential) {
        List<Check> checks = new ArrayList<>();
        String issuerId = Format.issuerId(credential);
        Optional<String> malformed = Format.problem(credential, contexts);
        if (malformed.isPresent()) {
            return failed(checks, new Check("format", false, malformed.get()));
        }
        Cryptosuite.Proof found = Cryptosuite.find(credential).orElseThrow();
        String method = found.value().getString("verificationMethod");
        VerificationKey publicKey;
        try {
            publicKey = issuerKeys.resolve(issuerId, method);
        } catch (IssuerKeys.NoKey e) {
            checks.add(formatPassed(credential, found));
            return failed(checks, new Check("issuer_key", false, e.getMessage()));
        }

        CanonicalForm canonical;
        SignedClaims claims;
        try {
            JsonObject unsigned = JSON.createObjectBuilder(credential).remove("proof").build();
            Optional<List<CanonicalForm.Quad>> ownShape = CredentialQuads.ofCredential(unsigned);
            canonical = ownShape.isPresent() ? RdfCanonicalizer.canonicalForm(ownShape.get())
                    : RdfCanonicalizer.canonicalForm(withUnmappedVocabulary(unsigned), contexts);
            claims = SignedClaims.read(canonical);
        } catch (InvalidCredentialException e) {
            return failed(checks, new Check("format", false, e.getMessage()));
        }
        if (!claims.issuer().equals(issuerId)) {
            return failed(checks, new Check("format", false, "the issuer's id is ambiguous"));
        }
        checks.add(formatPassed(credential, found));
        checks.add(new Check("issuer_key", true, method + " is a key of " + issuerId));

        if (!proofHolds(found, canonical, credential.get("@context"), publicKey)) {
            return failed(checks, new Check("proof", false, "the signature does not match the credential's content: "
                    + "it was changed after signing, or signed by another key"));
        }
        checks.add(new Check("proof", true, "the " + publicKey.algorithm() + " signature (" + found.suite().label()
                + ") matches the canonical form of the credential"));
        return new Outcome(checks, Optional.of(canonical), Optional.of(claims));
    }

    private static Check formatPassed(JsonObject credential, Cryptosuite.Proof proof) {
        return new Check("format", true, "a Verifiable Credential " + Format.version(credential) + " with a "
                + proof.suite().label() + " proof; every property is defined by a bundled or allowed context");
    }

    private static Outcome failed(List<Check> checks, Check failed) {
        checks.add(failed);
        return new Outcome(checks, Optional.empty(), Optional.empty());
    }

    /**
     * The credential with a fallback vocabulary first in its context, so that terms no context defines
     * show up in the quads instead of vanishing. When none shows up, these quads are exactly those of
     * the credential itself, so they are hashed as they are rather than computed again.
     */
    private static JsonObject withUnmappedVocabulary(JsonObject unsigned) {
        var all = JSON.createArrayBuilder().add(JsonLdContexts.UNMAPPED_VOCABULARY);
        ((JsonArray) unsigned.get("@context")).forEach(all::add);
        return JSON.createObjectBuilder(unsigned).add("@context", all).build();
    }

    private boolean proofHolds(Cryptosuite.Proof proof, CanonicalForm canonical, JsonValue context,
                               VerificationKey publicKey) {
        try {
            return proof.suite().holds(canonical.nquads(), context, proof.value(), publicKey, contexts);
        } catch (InvalidCredentialException e) {
            return false;
        }
    }
}
