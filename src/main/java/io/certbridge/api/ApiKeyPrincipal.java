package io.certbridge.api;

import io.certbridge.shared.Environment;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/** The API key a request was authenticated with. */
public record ApiKeyPrincipal(String keyId, Environment environment, Set<Scope> scopes) {

    private static final String ATTRIBUTE = ApiKeyPrincipal.class.getName();
    private static final String REFUSED_KEY = ATTRIBUTE + ".refused";

    public void bindTo(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    public static ApiKeyPrincipal of(HttpServletRequest request) {
        return (ApiKeyPrincipal) request.getAttribute(ATTRIBUTE);
    }

    /** Notes the id of a valid key that was refused all the same (ip_not_allowed), for the audit log. */
    public static void refused(HttpServletRequest request, String keyId) {
        request.setAttribute(REFUSED_KEY, keyId);
    }

    /** The id of the key the request came with, authenticated or refused; null when it had none that exists. */
    public static String keyIdOf(HttpServletRequest request) {
        ApiKeyPrincipal principal = of(request);
        return principal != null ? principal.keyId() : (String) request.getAttribute(REFUSED_KEY);
    }

    public boolean livemode() {
        return environment == Environment.LIVE;
    }

    /** 403 live_key_required unless this is a live key; {@code why} tells the caller what needs one. */
    public void requireLive(String why) {
        if (!livemode()) {
            throw new ApiProblem(403, "live_key_required", "Forbidden", why + "; use a live key");
        }
    }
}
