package io.certbridge.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Renders an {@link ApiProblem} as Spring's {@link ProblemDetail} (application/problem+json, RFC 9457): type
 * {@code urn:certbridge:problem:<code>}, title, status, detail, instance (the request's path; Spring MVC sets it
 * for a controller's answer, a filter's answer sets it here), and the extensions {@code code} and {@code errors}, and
 * those of the problem's own.
 */
@Component
public class ProblemResponses {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    private static final String WRITTEN_CODE = ProblemResponses.class.getName() + ".writtenCode";

    private final ObjectMapper json;

    public ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    public ResponseEntity<Object> entity(ApiProblem problem) {
        return ResponseEntity.status(problem.status()).contentType(PROBLEM_JSON).body(detail(problem));
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ApiProblem problem)
            throws IOException {
        ProblemDetail detail = detail(problem);
        detail.setInstance(URI.create(request.getRequestURI()));
        request.setAttribute(WRITTEN_CODE, problem.code());
        response.setStatus(problem.status());
        response.setContentType(PROBLEM_JSON.toString());
        json.writeValue(response.getOutputStream(), detail);
    }

    /** The code of the problem a filter answered the request with by {@link #write}, if any (for the audit log). */
    public static String writtenCode(HttpServletRequest request) {
        return (String) request.getAttribute(WRITTEN_CODE);
    }

    static ProblemDetail detail(ApiProblem problem) {
        ProblemDetail detail = ProblemDetail.forStatus(problem.status());
        detail.setType(URI.create("urn:certbridge:problem:" + problem.code()));
        detail.setTitle(problem.title());
        detail.setDetail(problem.detail());
        detail.setProperty("code", problem.code());
        detail.setProperty("errors", problem.errors());
        problem.extensions().forEach(detail::setProperty);
        return detail;
    }
}
