package io.certbridge.api.keys;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** The secret of {@code Authorization: Bearer <key>}, when a request sends one. */
final class BearerSecret {

    private static final String BEARER = "Bearer ";

    private BearerSecret() {
    }

    static Optional<String> of(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        return Optional.of(header.substring(BEARER.length()).trim());
    }
}
