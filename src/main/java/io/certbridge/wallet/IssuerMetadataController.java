package io.certbridge.wallet;

import io.certbridge.credential.IssuerIdentity;
import io.certbridge.credential.JsonLdContexts;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a wallet reads before it redeems an offer: the credential issuer metadata (OpenID4VCI 1.0, section 12.2) and
 * the metadata of the authorization server (RFC 8414), which is the hub itself, at the well-known paths of the
 * public base URL. A base URL with a path is served at {@code <base>/.well-known/…}, the form the wallet libraries
 * try after the origin's.
 */
@RestController
class IssuerMetadataController {

    static final String CONFIGURATION_ID = "AchievementCredential";
    static final String PRE_AUTHORIZED_CODE = "urn:ietf:params:oauth:grant-type:pre-authorized_code";

    private final IssuerIdentity issuer;
    private final WalletEndpoints endpoints;

    IssuerMetadataController(IssuerIdentity issuer, WalletEndpoints endpoints) {
        this.issuer = issuer;
        this.endpoints = endpoints;
    }

    @GetMapping(path = "/.well-known/openid-credential-issuer", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> credentialIssuer() {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("format", "ldp_vc");
        configuration.put("cryptographic_binding_methods_supported", List.of("did:key", "jwk"));
        configuration.put("credential_signing_alg_values_supported", List.of("eddsa-rdfc-2022"));
        configuration.put("proof_types_supported",
                Map.of("jwt", Map.of("proof_signing_alg_values_supported", KeyProof.ALGORITHMS)));
        configuration.put("credential_definition", Map.of(
                "@context", List.of(JsonLdContexts.CREDENTIALS_V2, JsonLdContexts.OPEN_BADGES_V3),
                "type", List.of("VerifiableCredential", "OpenBadgeCredential")));
        configuration.put("credential_metadata", Map.of("display", List.of(Map.of(
                "name", "Open Badge", "locale", "en",
                "description", "An Open Badges 3.0 credential of a certificate " + issuer.name() + " issued"))));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("credential_issuer", endpoints.issuer());
        metadata.put("credential_endpoint", endpoints.credential());
        metadata.put("nonce_endpoint", endpoints.nonce());
        metadata.put("display", List.of(Map.of("name", issuer.name(), "locale", "en")));
        metadata.put("credential_configurations_supported", Map.of(CONFIGURATION_ID, configuration));
        return ok(metadata);
    }

    @GetMapping(path = "/.well-known/oauth-authorization-server", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> authorizationServer() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("issuer", endpoints.issuer());
        metadata.put("token_endpoint", endpoints.token());
        metadata.put("grant_types_supported", List.of(PRE_AUTHORIZED_CODE));
        metadata.put("response_types_supported", List.of());
        metadata.put("token_endpoint_auth_methods_supported", List.of("none"));
        metadata.put("pre-authorized_grant_anonymous_access_supported", true);
        return ok(metadata);
    }

    private static ResponseEntity<Map<String, Object>> ok(Map<String, Object> metadata) {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic()).body(metadata);
    }
}
