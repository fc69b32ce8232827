package io.certbridge.emulator.salesforce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.emulator.EmulatorServer.Response;
import io.certbridge.emulator.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Salesforce's OAuth 2.0 endpoints. {@code POST /services/oauth2/token} (form) takes the grant types
 * {@code password}, {@code client_credentials} and {@code urn:ietf:params:oauth:grant-type:jwt-bearer}
 * and answers 200 with {@code access_token}, {@code instance_url}, {@code id}
 * ({@code <url>/id/<orgId>/<userId>}, from which camel-salesforce cuts the org id), {@code token_type},
 * {@code issued_at} and {@code signature}, or 400 with {@code {"error","error_description"}}.
 * {@code GET|POST /services/oauth2/revoke?token=} answers 200 and invalidates the token (400
 * {@code invalid_token} for a token that is not valid).
 */
final class OAuthEndpoints {

    static final String TOKEN_PATH = "/services/oauth2/token";
    static final String REVOKE_PATH = "/services/oauth2/revoke";
    static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final ConnectedApps apps;
    private final AccessTokens tokens;
    private final Supplier<String> url;
    private final String orgId;

    /** @param url the emulator's address, which is both the login URL and the instance URL */
    OAuthEndpoints(ConnectedApps apps, AccessTokens tokens, Supplier<String> url, String orgId) {
        this.apps = apps;
        this.tokens = tokens;
        this.url = url;
        this.orgId = orgId;
    }

    Response token(RecordedRequest request) {
        if (!request.method().equals("POST")) {
            return error("invalid_request", "must use HTTP POST");
        }
        Map<String, String> form = firstValues(request.form());
        String url = this.url.get();
        String grantType = form.getOrDefault("grant_type", "");
        String clientId = form.get("client_id");
        try {
            String userId = switch (grantType) {
                case "password" -> apps.password(clientId, form.get("client_secret"), form.get("username"),
                        form.get("password"));
                case "client_credentials" -> apps.clientCredentials(clientId, form.get("client_secret"));
                case JWT_BEARER -> apps.jwtBearer(form.get("assertion"),
                        Set.of(url, url + "/", "https://login.salesforce.com", "https://login.salesforce.com/"));
                default -> throw new ConnectedApps.Refused("unsupported_grant_type", "grant type not supported");
            };
            String id = url + "/id/" + orgId + "/" + userId;
            String issuedAt = Long.toString(System.currentTimeMillis());
            String signingKey = grantType.equals(JWT_BEARER) ? clientId : form.get("client_secret");
            ObjectNode body = SalesforceJson.MAPPER.createObjectNode()
                    .put("access_token", tokens.issue(grantType))
                    .put("instance_url", url)
                    .put("id", id)
                    .put("token_type", "Bearer")
                    .put("issued_at", issuedAt)
                    .put("signature", hmac(signingKey, id + issuedAt));
            return SalesforceJson.response(200, body, Map.of());
        } catch (ConnectedApps.Refused refused) {
            return error(refused.error, refused.getMessage());
        }
    }

    Response revoke(RecordedRequest request) {
        Map<String, String> params = firstValues(request.queryParams());
        if (request.method().equals("POST")) {
            params.putAll(firstValues(request.form()));
        }
        if (tokens.revoke(params.get("token"))) {
            return SalesforceJson.response(200, "");
        }
        return error("invalid_token", "invalid token");
    }

    private static Response error(String error, String description) {
        return SalesforceJson.response(400, SalesforceJson.oauthError(error, description), Map.of());
    }

    private static Map<String, String> firstValues(List<Map.Entry<String, String>> pairs) {
        Map<String, String> values = new HashMap<>();
        pairs.forEach(pair -> values.putIfAbsent(pair.getKey(), pair.getValue()));
        return values;
    }

    private static String hmac(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] keyBytes = (key == null || key.isEmpty() ? "emulator" : key).getBytes(StandardCharsets.UTF_8);
            mac.init(new SecretKeySpec(keyBytes, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
