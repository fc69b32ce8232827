package io.certbridge.wallet;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The token endpoint (RFC 6749 section 3.2, OpenID4VCI 1.0 section 6): a pre-authorized code for an access token. */
@RestController
class TokenController {

    private final OfferRedemption redemption;

    TokenController(OfferRedemption redemption) {
        this.redemption = redemption;
    }

    @PostMapping(path = WalletEndpoints.TOKEN, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> token(@RequestParam MultiValueMap<String, String> form,
                                              HttpServletRequest request) {
        // matched here rather than by the mapping, so that a wrong type is refused in OAuth's terms
        if (request.getContentType() == null || !MediaType.APPLICATION_FORM_URLENCODED
                .isCompatibleWith(MediaType.parseMediaType(request.getContentType()))) {
            throw WalletError.badRequest("invalid_request", "the token request is a form, "
                    + MediaType.APPLICATION_FORM_URLENCODED_VALUE);
        }
        if (!IssuerMetadataController.PRE_AUTHORIZED_CODE.equals(form.getFirst("grant_type"))) {
            throw WalletError.badRequest("unsupported_grant_type", "the only grant is "
                    + IssuerMetadataController.PRE_AUTHORIZED_CODE);
        }
        String code = form.getFirst("pre-authorized_code");
        if (code == null || code.isEmpty()) {
            throw WalletError.badRequest("invalid_request", "pre-authorized_code is required");
        }
        OfferRedemption.AccessToken token = redemption.redeem(code, form.getFirst("tx_code"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token.value());
        body.put("token_type", "Bearer");
        body.put("expires_in", token.expiresIn().toSeconds());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }
}
