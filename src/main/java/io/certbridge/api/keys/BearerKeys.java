package io.certbridge.api.keys;

import io.certbridge.api.ApiProblem;
import io.certbridge.api.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The key of a request's {@code Authorization: Bearer <key>}, or a 401 problem when it has none that works. */
@Component
class BearerKeys {

    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final ProblemResponses problems;

    BearerKeys(ApiKeys keys, ProblemResponses problems) {
        this.keys = keys;
        this.problems = problems;
    }

    static boolean sent(HttpServletRequest request) {
        return request.getHeader("Authorization") != null;
    }

    /** The key, or empty once a 401 has been written: {@code missing} says what to send. */
    Optional<ApiKeys.ApiKey> authenticate(HttpServletRequest request, HttpServletResponse response, String missing)
            throws IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            reject(request, response, new ApiProblem(401, "missing_api_key", "Unauthorized", missing));
            return Optional.empty();
        }
        Optional<ApiKeys.ApiKey> key = keys.authenticate(header.substring(BEARER.length()).trim());
        if (key.isEmpty()) {
            reject(request, response, new ApiProblem(401, "invalid_api_key", "Unauthorized",
                    "The API key is unknown or has been revoked"));
        }
        return key;
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, ApiProblem problem)
            throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer");
        problems.write(request, response, problem);
    }
}
