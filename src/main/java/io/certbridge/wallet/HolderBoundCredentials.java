package io.certbridge.wallet;

import static io.certbridge.credential.Jsonp.JSON;

import io.certbridge.credential.DataIntegrityProof;
import io.certbridge.credential.InvalidCredentialException;
import io.certbridge.credential.IssuerIdentity;
import io.certbridge.credential.Jsonp;
import io.certbridge.credential.OpenBadgeCredentials;
import io.certbridge.credential.SigningKey;
import io.certbridge.credential.SigningKeys;
import jakarta.json.JsonObject;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * A certificate's credential as a wallet receives it: the one the hub issued (same id, claims and status entries),
 * with {@code credentialSubject.id} the holder's DID, signed anew with eddsa-rdfc-2022 by the issuer's current key.
 * Proofs of the issued copy (its signature, an anchor's proof chained to it) do not carry over, as they sign a
 * document without the holder.
 */
@Component
class HolderBoundCredentials {

    private final IssuerIdentity issuer;
    private final SigningKeys keys;
    private final Clock clock;

    HolderBoundCredentials(IssuerIdentity issuer, SigningKeys keys, Clock clock) {
        this.issuer = issuer;
        this.keys = keys;
        this.clock = clock;
    }

    JsonObject bind(String issuedCredential, String holderDid, boolean sandbox) {
        JsonObject issued = Jsonp.object(issuedCredential);
        JsonObject subject = JSON.createObjectBuilder().add("id", holderDid)
                .addAll(JSON.createObjectBuilder(issued.getJsonObject("credentialSubject")).remove("id"))
                .build();
        JsonObject unsigned = JSON.createObjectBuilder(issued).remove("proof").add("credentialSubject", subject).build();
        SigningKey signer = keys.active(sandbox);
        try {
            return OpenBadgeCredentials.withProofSet(DataIntegrityProof.sign(unsigned, signer,
                    issuer.verificationMethod(signer.multikey(), sandbox), clock.instant()));
        } catch (InvalidCredentialException e) {
            throw new IllegalStateException("a credential the hub issued no longer canonicalizes", e);
        }
    }
}
