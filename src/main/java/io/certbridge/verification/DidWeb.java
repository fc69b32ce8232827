package io.certbridge.verification;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/** Where a did:web DID's document is, per the did:web method: https://host[:port]/.well-known/did.json or /path/did.json. */
final class DidWeb {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~%-]+");

    private DidWeb() {
    }

    /** The document's URL, or empty when {@code did} is not a well-formed did:web. */
    static Optional<String> documentUrl(String did) {
        if (did == null || !did.startsWith("did:web:")) {
            return Optional.empty();
        }
        String[] parts = did.substring("did:web:".length()).split(":", -1);
        if (Arrays.stream(parts).anyMatch(part -> !SEGMENT.matcher(part).matches())) {
            return Optional.empty();
        }
        String host = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
        if (host.contains("/") || host.contains("@") || host.contains("?") || host.contains("#")) {
            return Optional.empty();
        }
        StringBuilder path = new StringBuilder();
        for (int i = 1; i < parts.length; i++) {
            path.append('/').append(parts[i]);
        }
        return Optional.of("https://" + host + (path.isEmpty() ? "/.well-known" : path) + "/did.json");
    }
}
