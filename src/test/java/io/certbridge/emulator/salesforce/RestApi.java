package io.certbridge.emulator.salesforce;

import static io.certbridge.emulator.salesforce.SalesforceJson.MAPPER;
import static io.certbridge.emulator.salesforce.SalesforceJson.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.emulator.EmulatorServer.Response;
import io.certbridge.emulator.RecordedRequest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST API under {@code /services/data}: the versions list (no login needed), a version's
 * resources, sObject rows ({@code GET} and {@code PATCH …/sobjects/<Type>/<Id>}, {@code POST
 * …/sobjects/<Type>}) and {@code POST …/composite}. Every other call needs {@code Authorization: Bearer
 * <token>} with a valid token, else 401 {@code INVALID_SESSION_ID}.
 */
final class RestApi {

    static final String PREFIX = "/services/data";
    private static final Pattern VERSIONED = Pattern.compile("/services/data/v(\\d+\\.\\d)(/.*)?");
    private static final Pattern SOBJECT = Pattern.compile("/sobjects/([^/]+)/?");
    private static final Pattern SOBJECT_ROW = Pattern.compile("/sobjects/([^/]+)/([^/]+)/?");
    private static final int OLDEST_VERSION = 37;
    private static final int NEWEST_VERSION = 64;

    private final AccessTokens tokens;
    private final SObjectStore store;
    private final CompositeApi composite;

    RestApi(AccessTokens tokens, SObjectStore store) {
        this.tokens = tokens;
        this.store = store;
        this.composite = new CompositeApi(this, store);
    }

    Response handle(RecordedRequest request) {
        String path = request.path();
        if ((path.equals(PREFIX) || path.equals(PREFIX + "/")) && request.method().equals("GET")) {
            return RestResult.of(200, versions()).toResponse();
        }
        if (!tokens.isValidAuthorization(request.header("Authorization"))) {
            return RestResult.of(401, errors("INVALID_SESSION_ID", "Session expired or invalid")).toResponse();
        }
        JsonNode body;
        try {
            body = request.body().isBlank() ? null : MAPPER.readTree(request.body());
        } catch (JsonProcessingException e) {
            return RestResult.of(400, errors("JSON_PARSER_ERROR", e.getOriginalMessage())).toResponse();
        }
        Matcher versioned = VERSIONED.matcher(path);
        if (versioned.matches() && composite.handles(versioned.group(2)) && request.method().equals("POST")) {
            return composite.run(body).toResponse();
        }
        return dispatch(request.method(), path, body).toResponse();
    }

    /** Answers one sObject call as its standalone request would be answered (also used for composite subrequests). */
    RestResult dispatch(String method, String path, JsonNode body) {
        Matcher versioned = VERSIONED.matcher(path);
        if (!versioned.matches()) {
            return SObjectStore.notFound();
        }
        String version = versioned.group(1);
        String rest = versioned.group(2) == null ? "/" : versioned.group(2);
        if (rest.equals("/") && method.equals("GET")) {
            return RestResult.of(200, resources(version));
        }
        Matcher row = SOBJECT_ROW.matcher(rest);
        if (row.matches()) {
            return switch (method) {
                case "GET" -> store.read(row.group(1), row.group(2), version);
                case "PATCH" -> store.update(row.group(1), row.group(2), body, version);
                default -> methodNotAllowed(method, "GET,PATCH,HEAD");
            };
        }
        Matcher type = SOBJECT.matcher(rest);
        if (type.matches()) {
            return method.equals("POST") ? store.create(type.group(1), body, version) : methodNotAllowed(method, "POST");
        }
        return SObjectStore.notFound();
    }

    private static RestResult methodNotAllowed(String method, String allowed) {
        return new RestResult(405, errors("METHOD_NOT_ALLOWED",
                "HTTP Method '" + method + "' not allowed. Allowed are " + allowed), Map.of("Allow", allowed));
    }

    /** {@code GET /services/data}: one entry per version with Salesforce's release label. */
    private static ArrayNode versions() {
        String[] seasons = {"Winter", "Spring", "Summer"};
        ArrayNode versions = MAPPER.createArrayNode();
        for (int v = OLDEST_VERSION; v <= NEWEST_VERSION; v++) {
            int year = 25 + Math.floorDiv(v - 62, 3);
            versions.addObject()
                    .put("label", seasons[Math.floorMod(v - 62, 3)] + " '" + year)
                    .put("url", PREFIX + "/v" + v + ".0")
                    .put("version", v + ".0");
        }
        return versions;
    }

    private static ObjectNode resources(String version) {
        String base = PREFIX + "/v" + version;
        return MAPPER.createObjectNode()
                .put("sobjects", base + "/sobjects")
                .put("composite", base + "/composite");
    }
}
