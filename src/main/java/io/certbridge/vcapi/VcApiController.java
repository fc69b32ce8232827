package io.certbridge.vcapi;

import static io.certbridge.credential.Jsonp.JSON;

import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.api.RequiresScope;
import io.certbridge.api.Scope;
import io.certbridge.audit.AuditContext;
import io.certbridge.shared.Environment;
import io.certbridge.shared.problems.MalformedInput;
import io.certbridge.verification.CredentialJson;
import io.certbridge.verification.CredentialVerifier;
import io.certbridge.verification.Verification;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The W3C VC API's issuer and verifier endpoints, under the service base URL {@code <hub>/v1/vc}, so that they share
 * the API's keys, scopes, audit log and limits, and stay apart from the public credential documents at
 * {@code /credentials/{id}}. Issuing takes certificates:write and changing a status certificates:revoke: the same
 * powers over credentials in the hub's name as over its certificates. Verifying is public, as /v1/verify is.
 * Bodies and answers use the specification's camelCase names.
 */
@RestController
@RequestMapping(path = "/v1/vc/credentials", produces = MediaType.APPLICATION_JSON_VALUE)
class VcApiController {

    private final VcApiIssuer issuer;
    private final VcApiStatus status;
    private final CredentialVerifier verifier;

    VcApiController(VcApiIssuer issuer, VcApiStatus status, CredentialVerifier verifier) {
        this.issuer = issuer;
        this.status = status;
        this.verifier = verifier;
    }

    /**
     * {@code {credential, options?}} as the specification sends it, answered {@code {verifiableCredential}}; or the
     * credential alone, as DCC's issuer-coordinator takes it, answered with the signed credential alone.
     */
    @PostMapping(path = "/issue", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/vc+ld+json"})
    @RequiresScope(Scope.CERTIFICATES_WRITE)
    ResponseEntity<String> issue(@RequestBody String body, HttpServletRequest request) {
        JsonObject sent = CredentialJson.object(body);
        boolean wrapped = sent.containsKey("credential");
        JsonObject credential = CredentialJson.credential(wrapped ? sent.get("credential") : sent);
        boolean sandbox = ApiKeyPrincipal.of(request).environment() == Environment.TEST;
        JsonObject signed = issuer.issue(credential, sandbox);
        AuditContext.resource(request, signed.getString("id"));
        return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
                .body((wrapped ? JSON.createObjectBuilder().add("verifiableCredential", signed).build() : signed).toString());
    }

    /** {@code {credentialId, credentialStatus: [{type, status}]}}: revoked, suspended or unsuspended. */
    @PostMapping(path = "/status", consumes = MediaType.APPLICATION_JSON_VALUE)
    @RequiresScope(Scope.CERTIFICATES_REVOKE)
    ResponseEntity<String> updateStatus(@RequestBody String body, HttpServletRequest request) {
        JsonObject sent = CredentialJson.object(body);
        boolean sandbox = ApiKeyPrincipal.of(request).environment() == Environment.TEST;
        VcApiCredentials.Recorded changed = status.update(VcApiStatus.Update.read(sent), sandbox);
        AuditContext.resource(request, changed.id());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(JSON.createObjectBuilder()
                .add("credentialId", changed.id())
                .add("status", changed.status())
                .build().toString());
    }

    /** {@code {verifiableCredential, options?}}, answered {@code {verified, checks, warnings, errors}}. */
    @PostMapping(path = "/verify", consumes = {MediaType.APPLICATION_JSON_VALUE, "application/vc+ld+json"})
    ResponseEntity<String> verify(@RequestBody String body) {
        JsonObject sent = CredentialJson.object(body);
        if (!sent.containsKey("verifiableCredential")) {
            throw new MalformedInput("not_a_credential", "The body must be {verifiableCredential, options}",
                    "verifiableCredential");
        }
        Verification verification = verifier.verify(CredentialJson.credential(sent.get("verifiableCredential")));
        JsonArrayBuilder checks = JSON.createArrayBuilder();
        JsonArrayBuilder errors = JSON.createArrayBuilder();
        for (Verification.Check check : verification.checks()) {
            if (check.passed()) {
                checks.add(check.name());
            } else {
                errors.add(JSON.createObjectBuilder()
                        .add("type", "urn:certbridge:verification:" + check.name())
                        .add("title", check.name())
                        .add("detail", check.detail()));
            }
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(JSON.createObjectBuilder()
                .add("verified", verification.valid())
                .add("status", verification.status())
                .add("checks", checks)
                .add("warnings", JSON.createArrayBuilder())
                .add("errors", errors)
                .build().toString());
    }
}
