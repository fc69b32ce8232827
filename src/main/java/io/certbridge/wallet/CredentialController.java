package io.certbridge.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The credential endpoint (OpenID4VCI 1.0 section 8): with the access token of an offer, a credential request
 * {@code {credential_configuration_id, proofs: {jwt: [<one key proof>]}}} is answered with
 * {@code {credentials: [{credential}]}}, the certificate's credential bound to the proven key.
 */
@RestController
class CredentialController {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CertificateClaims claims;

    CredentialController(CertificateClaims claims) {
        this.claims = claims;
    }

    @PostMapping(path = WalletEndpoints.CREDENTIAL, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> credential(
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) String body) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw WalletError.invalidToken("an access token from the token endpoint is required (Bearer)");
        }
        String token = authorization.substring(7).strip();
        String proof = proof(request(body));
        String credential = claims.claim(token, proof);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
                .body("{\"credentials\":[{\"credential\":" + credential + "}]}");
    }

    /** The request's one JWT key proof, once the request is one for the credential the hub offers. */
    private static String proof(JsonNode request) {
        if (request.has("credential_identifier")) {
            throw WalletError.badRequest("unknown_credential_identifier",
                    "the hub hands out no credential identifiers; ask by credential_configuration_id");
        }
        JsonNode configuration = request.path("credential_configuration_id");
        if (!configuration.isTextual()) {
            throw WalletError.badRequest("invalid_credential_request", "credential_configuration_id is required");
        }
        if (!IssuerMetadataController.CONFIGURATION_ID.equals(configuration.asText())) {
            throw WalletError.badRequest("unknown_credential_configuration", "the hub offers only "
                    + IssuerMetadataController.CONFIGURATION_ID);
        }
        if (request.has("proof")) {
            throw WalletError.badRequest("invalid_credential_request", "send the key proof in proofs (OpenID4VCI 1.0)");
        }
        JsonNode proofs = request.path("proofs");
        if (proofs.isMissingNode()) {
            throw WalletError.invalidProof("a key proof is required: the credential is bound to the holder's key");
        }
        JsonNode jwts = proofs.path("jwt");
        if (proofs.size() != 1 || !jwts.isArray() || jwts.size() != 1 || !jwts.get(0).isTextual()) {
            throw WalletError.badRequest("invalid_credential_request", "proofs must be {\"jwt\": [one key proof]}: "
                    + "one credential per offer, bound to one key");
        }
        return jwts.get(0).asText();
    }

    private static JsonNode request(String body) {
        try {
            JsonNode request = body == null ? null : JSON.readTree(body);
            if (request == null || !request.isObject()) {
                throw WalletError.badRequest("invalid_credential_request", "the request must be a JSON object");
            }
            return request;
        } catch (IOException e) {
            throw WalletError.badRequest("invalid_credential_request", "the request is not JSON");
        }
    }
}
