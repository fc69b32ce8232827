package io.certbridge.api;

import java.util.regex.Pattern;

/**
 * The /v1 paths anyone may call without an API key: verifying a credential (also by the VC API), or a file against a hash certification,
 * must not need an account with the issuer; a certification's documents are fetched by presigned URLs; the API's
 * description and its reference page are for anyone who wants to write a client.
 */
public final class PublicApi {

    private static final Pattern CERTIFICATION_CHECKS =
            Pattern.compile("/v1/certifications/[^/]+/(verify|files/[^/]+)");

    private PublicApi() {
    }

    public static boolean covers(String servletPath) {
        return under(servletPath, "/v1/verify") || servletPath.equals("/v1/vc/credentials/verify")
                || CERTIFICATION_CHECKS.matcher(servletPath).matches()
                || servletPath.equals("/v1/openapi.json") || servletPath.equals("/v1/docs");
    }

    /** Whether a path is {@code prefix} itself or below it. */
    static boolean under(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
