package io.certbridge.api;

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
}
