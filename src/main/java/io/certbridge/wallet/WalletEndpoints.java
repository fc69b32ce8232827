package io.certbridge.wallet;

import io.certbridge.credential.IssuerIdentity;
import org.springframework.stereotype.Component;

/** The public URLs of the OpenID4VCI endpoints, under the hub's public base URL, which is the credential issuer. */
@Component
class WalletEndpoints {

    static final String OFFERS = "/oid4vci/offers/";
    static final String TOKEN = "/oid4vci/token";
    static final String NONCE = "/oid4vci/nonce";
    static final String CREDENTIAL = "/oid4vci/credential";

    private final String base;

    WalletEndpoints(IssuerIdentity issuer) {
        this.base = issuer.baseUrl();
    }

    String issuer() {
        return base;
    }

    String offer(String offerId) {
        return base + OFFERS + offerId;
    }

    String token() {
        return base + TOKEN;
    }

    String nonce() {
        return base + NONCE;
    }

    String credential() {
        return base + CREDENTIAL;
    }
}
