package io.certbridge.verification;

import io.certbridge.credential.IssuerIdentity;
import io.certbridge.credential.Multikey;
import io.certbridge.credential.SigningKeys;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The public key behind a proof's verification method, when it belongs to the credential's issuer
 * and can be known without fetching anything: this hub's own did:web keys (live or sandbox), or a
 * did:key, which carries its key in its name.
 */
@Component
class IssuerKeys {

    private final IssuerIdentity hub;
    private final SigningKeys keys;

    IssuerKeys(IssuerIdentity hub, SigningKeys keys) {
        this.hub = hub;
        this.keys = keys;
    }

    Optional<byte[]> resolve(String issuerId, String verificationMethod) {
        int hash = verificationMethod.indexOf('#');
        if (issuerId == null || hash < 0 || !verificationMethod.substring(0, hash).equals(issuerId)) {
            return Optional.empty();
        }
        String fragment = verificationMethod.substring(hash + 1);
        if (hub.isOwn(issuerId)) {
            return keys.publicKey(fragment, issuerId.equals(hub.did(true)));
        }
        if (issuerId.startsWith("did:key:") && issuerId.substring("did:key:".length()).equals(fragment)) {
            return Optional.ofNullable(Multikey.decodeEd25519(fragment));
        }
        return Optional.empty();
    }
}
