package io.certbridge.verification;

import io.certbridge.credential.IssuerIdentity;
import io.certbridge.credential.SigningKeys;
import org.springframework.stereotype.Component;

/**
 * The public key behind a proof's verification method, when it belongs to the credential's issuer: this hub's own
 * did:web keys (live or sandbox, nothing fetched), a did:key (Ed25519, P-256 or P-384), which carries its key in its
 * name, or a key of another issuer's did:web, from its DID document.
 */
@Component
class IssuerKeys {

    /** Why no key vouches for the proof, in words for the verification's reader. */
    static final class NoKey extends Exception {
        NoKey(String reason) {
            super(reason);
        }
    }

    private final IssuerIdentity hub;
    private final SigningKeys keys;
    private final DidDocuments didDocuments;

    IssuerKeys(IssuerIdentity hub, SigningKeys keys, DidDocuments didDocuments) {
        this.hub = hub;
        this.keys = keys;
        this.didDocuments = didDocuments;
    }

    VerificationKey resolve(String issuerId, String verificationMethod) throws NoKey {
        int hash = verificationMethod.indexOf('#');
        if (issuerId == null || hash < 0 || !verificationMethod.substring(0, hash).equals(issuerId)) {
            throw new NoKey("the verification method " + verificationMethod + " is not a key of the issuer " + issuerId);
        }
        String fragment = verificationMethod.substring(hash + 1);
        if (hub.isOwn(issuerId)) {
            return keys.publicKey(fragment, issuerId.equals(hub.did(true)))
                    .<VerificationKey>map(VerificationKey.Ed25519::new)
                    .orElseThrow(() -> new NoKey(verificationMethod + " is not one of this hub's keys"));
        }
        if (issuerId.startsWith("did:key:")) {
            VerificationKey key = issuerId.substring("did:key:".length()).equals(fragment)
                    ? KeyEncodings.multikey(fragment) : null;
            if (key == null) {
                throw new NoKey(verificationMethod + " is not an Ed25519, P-256 or P-384 did:key");
            }
            return key;
        }
        if (issuerId.startsWith("did:web:")) {
            return didDocuments.key(issuerId, verificationMethod);
        }
        throw new NoKey("the issuer " + issuerId + " is neither a did:key nor a did:web, the DID methods this hub resolves");
    }
}
