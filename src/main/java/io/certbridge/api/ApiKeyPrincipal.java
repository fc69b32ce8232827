package io.certbridge.api;

import io.certbridge.shared.Environment;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/** The API key a request was authenticated with. */
public record ApiKeyPrincipal(String keyId, Environment environment, Set<Scope> scopes) {

    private static final String ATTRIBUTE = ApiKeyPrincipal.class.getName();

    public void bindTo(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, this);
    }

    public static ApiKeyPrincipal of(HttpServletRequest request) {
        return (ApiKeyPrincipal) request.getAttribute(ATTRIBUTE);
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
