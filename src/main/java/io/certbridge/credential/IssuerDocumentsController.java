package io.certbridge.credential;

import static io.certbridge.credential.Jsonp.JSON;

import io.certbridge.shared.problems.NotFound;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The public documents a verifier needs: the issuer's DID document and its status list credentials. */
@RestController
class IssuerDocumentsController {

    private final IssuerIdentity issuer;
    private final SigningKeys keys;
    private final StatusLists statusLists;
    private final CacheControl statusListCaching;

    IssuerDocumentsController(IssuerIdentity issuer, SigningKeys keys, StatusLists statusLists,
                              StatusListSettings settings) {
        this.issuer = issuer;
        this.keys = keys;
        this.statusLists = statusLists;
        this.statusListCaching = CacheControl.maxAge(settings.ttl()).cachePublic().mustRevalidate();
    }

    /** did:web resolves a bare host to /.well-known/did.json and a host with a path to {path}/did.json. */
    @GetMapping(path = {"/.well-known/did.json", "/did.json"})
    ResponseEntity<String> didDocument(@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return LinkedDataMediaTypes.DID_DOCUMENT.ok(accept).body(didDocument(false));
    }

    @GetMapping(path = "/sandbox/did.json")
    ResponseEntity<String> sandboxDidDocument(@RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return LinkedDataMediaTypes.DID_DOCUMENT.ok(accept).body(didDocument(true));
    }

    private String didDocument(boolean sandbox) {
        JsonArrayBuilder methods = JSON.createArrayBuilder();
        JsonArrayBuilder assertion = JSON.createArrayBuilder();
        for (SigningKeys.RecordedKey key : keys.recorded(sandbox)) {
            String id = issuer.verificationMethod(key.multikey(), sandbox);
            JsonObjectBuilder method = JSON.createObjectBuilder()
                    .add("id", id)
                    .add("type", "Multikey")
                    .add("controller", issuer.did(sandbox))
                    .add("publicKeyMultibase", key.multikey());
            // Controlled Identifiers 1.0: a revoked verification method's signatures from then on are not to be trusted
            key.retirement().ifPresent(retired -> method.add("revoked", XsdDateTime.of(retired.at())));
            methods.add(method);
            assertion.add(id);
        }
        return JSON.createObjectBuilder()
                .add("@context", JSON.createArrayBuilder()
                        .add("https://www.w3.org/ns/did/v1")
                        .add("https://w3id.org/security/multikey/v1"))
                .add("id", issuer.did(sandbox))
                .add("verificationMethod", methods)
                .add("assertionMethod", assertion)
                .build().toString();
    }

    /**
     * Cacheable for the list's ttl and no longer: must-revalidate, and no stale-while-revalidate or stale-if-error,
     * so that no cache answers with a list older than the ttl, and a revocation reaches every verifier within it.
     */
    @GetMapping(path = "/status/{purpose}/{list}")
    ResponseEntity<String> statusList(@PathVariable String purpose, @PathVariable long list,
                                      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false)
                                      String ifNoneMatch) throws InvalidCredentialException {
        StatusPurpose statusPurpose = StatusPurpose.of(purpose)
                .orElseThrow(() -> new NotFound("status list", purpose + "/" + list));
        if (!statusLists.exists(list)) {
            throw new NotFound("status list", purpose + "/" + list);
        }
        StatusLists.Served served = statusLists.serve(statusPurpose, list);
        if (IfNoneMatch.matches(ifNoneMatch, served.etag())) {
            LinkedDataMediaTypes.CREDENTIAL.negotiate(accept);
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(served.etag()).cacheControl(statusListCaching)
                    .varyBy(HttpHeaders.ACCEPT).build();
        }
        return LinkedDataMediaTypes.CREDENTIAL.ok(accept).eTag(served.etag()).cacheControl(statusListCaching)
                .body(served.credential());
    }
}
