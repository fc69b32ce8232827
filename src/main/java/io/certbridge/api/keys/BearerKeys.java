package io.certbridge.api.keys;

import io.certbridge.api.ApiKeyPrincipal;
import io.certbridge.api.ApiProblem;
import io.certbridge.api.ClientAddress;
import io.certbridge.api.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The key of a request's {@code Authorization: Bearer <key>}, or of its {@code x-api-key} header when it has no
 * Authorization (as TrueScreen's clients send it, so that they switch to the hub's hash certification by base URL);
 * a 401 problem when it has none that works.
 */
@Component
class BearerKeys {

    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final ProblemResponses problems;
    private final ClientAddress clientAddress;

    BearerKeys(ApiKeys keys, ProblemResponses problems, ClientAddress clientAddress) {
        this.keys = keys;
        this.problems = problems;
        this.clientAddress = clientAddress;
    }

    private static final String API_KEY_HEADER = "x-api-key";

    static boolean sent(HttpServletRequest request) {
        return request.getHeader("Authorization") != null || request.getHeader(API_KEY_HEADER) != null;
    }

    /**
     * The key, or empty once a 401 has been written ({@code missing} says what to send), or a 403 ip_not_allowed
     * for a key used from outside its allowed networks.
     */
    Optional<ApiKeys.ApiKey> authenticate(HttpServletRequest request, HttpServletResponse response, String missing)
            throws IOException {
        String header = request.getHeader("Authorization");
        String sent = header == null ? request.getHeader(API_KEY_HEADER)
                : header.regionMatches(true, 0, BEARER, 0, BEARER.length()) ? header.substring(BEARER.length())
                : null;
        if (sent == null) {
            reject(request, response, new ApiProblem(401, "missing_api_key", "Unauthorized", missing));
            return Optional.empty();
        }
        Optional<ApiKeys.ApiKey> key = keys.authenticate(sent.trim());
        if (key.isEmpty()) {
            reject(request, response, new ApiProblem(401, "invalid_api_key", "Unauthorized",
                    "The API key is unknown or has been revoked"));
        } else if (!key.get().admits(clientAddress.of(request))) {
            ApiKeyPrincipal.refused(request, key.get().id());
            problems.write(request, response, new ApiProblem(403, "ip_not_allowed", "Forbidden",
                    "This API key may not be used from " + clientAddress.of(request).getHostAddress()));
            return Optional.empty();
        }
        return key;
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, ApiProblem problem)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        problems.write(request, response, problem);
    }
}
