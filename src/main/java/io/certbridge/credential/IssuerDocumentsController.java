package io.certbridge.credential;

import static io.certbridge.credential.Jsonp.JSON;

import io.certbridge.api.ApiProblem;
import jakarta.json.JsonArrayBuilder;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The public documents a verifier needs: the issuer's DID document and its status list credentials. */
@RestController
class IssuerDocumentsController {

    private final IssuerIdentity issuer;
    private final SigningKeys keys;
    private final StatusLists statusLists;

    IssuerDocumentsController(IssuerIdentity issuer, SigningKeys keys, StatusLists statusLists) {
        this.issuer = issuer;
        this.keys = keys;
        this.statusLists = statusLists;
    }

    /** did:web resolves a bare host to /.well-known/did.json and a host with a path to {path}/did.json. */
    @GetMapping(path = {"/.well-known/did.json", "/did.json"}, produces = "application/did+json")
    String didDocument() {
        return didDocument(false);
    }

    @GetMapping(path = "/sandbox/did.json", produces = "application/did+json")
    String sandboxDidDocument() {
        return didDocument(true);
    }

    private String didDocument(boolean sandbox) {
        JsonArrayBuilder methods = JSON.createArrayBuilder();
        JsonArrayBuilder assertion = JSON.createArrayBuilder();
        for (String multikey : keys.recorded(sandbox)) {
            String id = issuer.verificationMethod(multikey, sandbox);
            methods.add(JSON.createObjectBuilder()
                    .add("id", id)
                    .add("type", "Multikey")
                    .add("controller", issuer.did(sandbox))
                    .add("publicKeyMultibase", multikey));
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

    @GetMapping(path = "/status/{purpose}/{list}", produces = "application/vc+ld+json")
    ResponseEntity<String> statusList(@PathVariable String purpose, @PathVariable long list)
            throws InvalidCredentialException {
        StatusPurpose statusPurpose = StatusPurpose.of(purpose)
                .orElseThrow(() -> ApiProblem.notFound("status list", purpose + "/" + list));
        if (!statusLists.exists(list)) {
            throw ApiProblem.notFound("status list", purpose + "/" + list);
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noCache())
                .body(statusLists.credential(statusPurpose, list));
    }
}
