package io.certbridge.emulator.salesforce;

import io.certbridge.emulator.EmulatorServer.Response;
import io.certbridge.emulator.RecordedRequest;
import io.certbridge.emulator.RequestJournal;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves everything but the Streaming API: {@code /services/oauth2/…} and {@code /services/data…}.
 * Each request is recorded, then answered by a queued canned answer for its path if there is one,
 * otherwise by the OAuth endpoints or the REST API; other paths get 404 {@code NOT_FOUND}. Any method
 * is accepted here ({@link HttpServlet} itself knows no {@code PATCH}).
 */
final class SalesforceHttpServlet extends HttpServlet {

    private final transient RequestJournal journal;
    private final transient OAuthEndpoints oauth;
    private final transient RestApi rest;

    SalesforceHttpServlet(RequestJournal journal, OAuthEndpoints oauth, RestApi rest) {
        this.journal = journal;
        this.oauth = oauth;
        this.rest = rest;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RecordedRequest recorded = new RecordedRequest(request.getMethod(),
                request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()),
                request.getQueryString(), headers(request),
                new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        Response answer = journal.record(recorded);
        write(response, answer != null ? answer : route(recorded));
    }

    private Response route(RecordedRequest request) {
        String path = request.path();
        try {
            if (path.equals(OAuthEndpoints.TOKEN_PATH)) {
                return oauth.token(request);
            }
            if (path.equals(OAuthEndpoints.REVOKE_PATH)) {
                return oauth.revoke(request);
            }
            if (path.equals(RestApi.PREFIX) || path.startsWith(RestApi.PREFIX + "/")) {
                return rest.handle(request);
            }
            return SObjectStore.notFound().toResponse();
        } catch (RuntimeException e) {
            log("emulator failure on " + request.method() + " " + path, e);
            return RestResult.of(500, SalesforceJson.errors("UNKNOWN_EXCEPTION", "emulator failure: " + e))
                    .toResponse();
        }
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name, Collections.list(request.getHeaders(name)));
        }
        return headers;
    }

    private static void write(HttpServletResponse response, Response answer) throws IOException {
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        answer.headers().forEach(response::setHeader);
        byte[] body = answer.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
