package io.certbridge.vcapi;

import static io.certbridge.credential.Jsonp.JSON;

import io.certbridge.credential.DataIntegrityProof;
import io.certbridge.credential.InvalidCredentialException;
import io.certbridge.credential.IssuerIdentity;
import io.certbridge.credential.OpenBadgeCredentials;
import io.certbridge.credential.SigningKey;
import io.certbridge.credential.SigningKeys;
import io.certbridge.credential.StatusIndexes;
import io.certbridge.credential.StatusLists;
import io.certbridge.credential.XsdDateTime;
import io.certbridge.shared.problems.Conflict;
import io.certbridge.shared.problems.MalformedInput;
import io.certbridge.shared.problems.Unavailable;
import io.certbridge.verification.CredentialVerifier;
import io.certbridge.verification.Verification;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Signs a caller's credential as the hub (VC API "issue"): the hub's DID as issuer, a revocation and a suspension
 * status entry, validFrom when it has none, an eddsa-rdfc-2022 proof. Before anything is recorded the signed
 * credential goes through the hub's own verifier, so that a credential using contexts the hub does not bundle,
 * terms no context defines or dates that are not dates is refused (400) rather than signed with parts its proof
 * would not cover.
 */
@Component
class VcApiIssuer {

    private final IssuerIdentity hub;
    private final SigningKeys keys;
    private final StatusIndexes indexes;
    private final StatusLists statusLists;
    private final VcApiCredentials recorded;
    private final CredentialVerifier verifier;
    private final Clock clock;

    VcApiIssuer(IssuerIdentity hub, SigningKeys keys, StatusIndexes indexes, StatusLists statusLists,
                VcApiCredentials recorded, CredentialVerifier verifier, Clock clock) {
        this.hub = hub;
        this.keys = keys;
        this.indexes = indexes;
        this.statusLists = statusLists;
        this.recorded = recorded;
        this.verifier = verifier;
        this.clock = clock;
    }

    /** The signed credential; {@code sandbox} for a test key, whose credentials are the sandbox issuer's. */
    JsonObject issue(JsonObject credential, boolean sandbox) {
        refuseWhatTheHubAdds(credential);
        String id = id(credential);
        JsonObjectBuilder unsigned = JSON.createObjectBuilder(credential)
                .add("id", id)
                .add("issuer", issuer(credential.get("issuer"), sandbox));
        if (!credential.containsKey("validFrom")) {
            unsigned.add("validFrom", XsdDateTime.of(clock.instant()));
        }
        long index = indexes.next();
        unsigned.add("credentialStatus", statusLists.entries(index));
        SigningKey key = keys.active(sandbox);
        JsonObject signed;
        try {
            signed = OpenBadgeCredentials.withProofSet(DataIntegrityProof.sign(unsigned.build(), key,
                    hub.verificationMethod(key.multikey(), sandbox), clock.instant()));
        } catch (InvalidCredentialException e) {
            throw new MalformedInput("invalid_credential", "The credential cannot be signed: " + e.getMessage(), "credential");
        }
        refuseWhatWouldNotVerify(verifier.verify(signed));
        if (!recorded.record(id, index, sandbox, signed.toString())) {
            throw duplicate(id);
        }
        return signed;
    }

    /**
     * A format failure is the caller's credential; a retired key is the hub's, which must be given a new one before it
     * issues anything that would verify. The validity period is the caller's to choose.
     */
    private static void refuseWhatWouldNotVerify(Verification verification) {
        for (Verification.Check check : verification.checks()) {
            if (check.passed() || check.name().equals("validity_period")) {
                continue;
            }
            if (check.name().equals("format")) {
                throw new MalformedInput("invalid_credential", "The credential cannot be signed: " + check.detail(),
                        "credential");
            }
            throw new Unavailable("signing_unavailable", "The hub cannot issue a credential that verifies now: "
                    + check.detail());
        }
    }

    private static void refuseWhatTheHubAdds(JsonObject credential) {
        if (credential.containsKey("proof")) {
            throw new MalformedInput("already_signed", "The credential already has a proof: send it unsigned",
                    "credential.proof");
        }
        if (credential.containsKey("credentialStatus")) {
            throw new MalformedInput("invalid_credential", "The hub adds the credential's status entries "
                    + "(revocation and suspension on its own lists): send the credential without credentialStatus",
                    "credential.credentialStatus");
        }
    }

    private String id(JsonObject credential) {
        JsonValue given = credential.get("id");
        if (given == null) {
            return "urn:uuid:" + UUID.randomUUID();
        }
        if (!(given instanceof JsonString text) || text.getString().isBlank()) {
            throw new MalformedInput("invalid_credential", "The credential's id must be a URL or URN", "credential.id");
        }
        if (text.getString().startsWith(hub.baseUrl() + "/")) {
            throw new MalformedInput("invalid_credential", "Ids under " + hub.baseUrl() + " are the hub's own "
                    + "certificates': leave the id out and the hub gives one", "credential.id");
        }
        if (recorded.exists(text.getString())) {
            throw duplicate(text.getString());
        }
        return text.getString();
    }

    /** The hub's profile when the credential names no issuer; otherwise the one it names, which must be the hub. */
    private JsonValue issuer(JsonValue given, boolean sandbox) {
        if (given == null) {
            return hub.profile(sandbox);
        }
        String id = given instanceof JsonObject profile && profile.get("id") instanceof JsonString s ? s.getString()
                : given instanceof JsonString s ? s.getString() : null;
        if (!hub.did(sandbox).equals(id)) {
            throw new MalformedInput("issuer_mismatch", "The hub signs only as its own DID " + hub.did(sandbox)
                    + ", not as " + (id == null ? "an issuer without an id" : id)
                    + ": leave the issuer out or name that DID", "credential.issuer");
        }
        return given;
    }

    private static Conflict duplicate(String id) {
        return new Conflict("duplicate_credential", "A credential with the id " + id + " was issued already");
    }
}
