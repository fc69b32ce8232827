package io.certbridge.api;

/**
 * The /v1 paths anyone may call without an API key: verifying a credential must not need an
 * account with the issuer.
 */
public final class PublicApi {

    private PublicApi() {
    }

    public static boolean covers(String servletPath) {
        return under(servletPath, "/v1/verify");
    }

    /** Whether a path is {@code prefix} itself or below it. */
    static boolean under(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
