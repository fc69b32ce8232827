package io.certbridge.api;

/**
 * The /v1 paths anyone may call without an API key: verifying a credential must not need an
 * account with the issuer.
 */
public final class PublicApi {

    private PublicApi() {
    }

    public static boolean covers(String servletPath) {
        return servletPath.equals("/v1/verify") || servletPath.startsWith("/v1/verify/");
    }
}
