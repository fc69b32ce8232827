package io.certbridge.emulator.trueapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.emulator.EmulatorServer.Response;
import io.certbridge.emulator.RecordedRequest;
import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes an authenticated {@code /v1/…} request to the account ({@link TrueAccount}) and turns its answer
 * into TRUE's JSON. Called under the emulator's monitor.
 */
final class TrueApi {

    private static final Pattern CERTIFICATE = Pattern.compile("/v1/certificates/([^/]+)");
    private static final Pattern REVOKE = Pattern.compile("/v1/certificates/([^/]+)/revoke");
    private static final Pattern BATCH = Pattern.compile("/v1/batches/([^/]+)");

    private final TrueAccount account;

    TrueApi(TrueAccount account) {
        this.account = account;
    }

    Response handle(RecordedRequest request) {
        String method = request.method();
        String path = request.path().endsWith("/") ? request.path().substring(0, request.path().length() - 1)
                : request.path();
        if (path.equals("/v1/certificates")) {
            return switch (method) {
                case "POST" -> created(account.issue(body(request)));
                case "GET" -> list(account.list(CertificateQuery.parse(request.queryParams())));
                default -> methodNotAllowed(method, "GET, POST");
            };
        }
        if (path.equals("/v1/certificates/batch")) {
            return method.equals("POST") ? TrueJson.json(202, account.submitBatch(body(request)).toJson())
                    : methodNotAllowed(method, "POST");
        }
        Matcher revoke = REVOKE.matcher(path);
        if (revoke.matches()) {
            return method.equals("POST") ? ok(account.revoke(revoke.group(1), optionalBody(request)))
                    : methodNotAllowed(method, "POST");
        }
        Matcher certificate = CERTIFICATE.matcher(path);
        if (certificate.matches()) {
            return switch (method) {
                case "GET" -> ok(account.certificate(certificate.group(1)));
                case "PATCH" -> ok(account.updateStatus(certificate.group(1), body(request)));
                default -> methodNotAllowed(method, "GET, PATCH");
            };
        }
        Matcher batch = BATCH.matcher(path);
        if (batch.matches()) {
            return method.equals("GET") ? TrueJson.json(200, account.batch(batch.group(1)).toJson())
                    : methodNotAllowed(method, "GET");
        }
        throw ApiError.notFound("No such endpoint: " + method + " " + request.path());
    }

    private Response created(Certificate certificate) {
        return TrueJson.json(201, account.toJson(certificate));
    }

    private Response ok(Certificate certificate) {
        return TrueJson.json(200, account.toJson(certificate));
    }

    /** {@code {"data":[certificate…],"has_more":bool,"next_cursor":id|null,"total_count":n}}. */
    private Response list(CertificateStore.Page page) {
        ObjectNode json = TrueJson.MAPPER.createObjectNode();
        ArrayNode data = json.putArray("data");
        page.certificates().forEach(c -> data.add(account.toJson(c)));
        json.put("has_more", page.hasMore());
        json.put("next_cursor", page.hasMore() ? page.certificates().getLast().id : null);
        json.put("total_count", page.totalCount());
        return TrueJson.json(200, json);
    }

    private static Response methodNotAllowed(String method, String allowed) {
        return TrueJson.errorResponse(405, "method_not_allowed", "Method " + method + " is not allowed here")
                .withHeader("Allow", allowed);
    }

    /** The JSON object body. @throws ApiError 400 {@code invalid_json} when absent, not JSON or not an object */
    private static JsonNode body(RecordedRequest request) {
        String type = request.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new ApiError(400, "invalid_json", "Content-Type must be application/json");
        }
        try {
            JsonNode body = TrueJson.MAPPER.readTree(request.body());
            if (body != null && body.isObject()) {
                return body;
            }
        } catch (IOException malformed) {
            // refused below
        }
        throw new ApiError(400, "invalid_json", "The request body must be a JSON object");
    }

    private static JsonNode optionalBody(RecordedRequest request) {
        return request.body().isBlank() ? TrueJson.MAPPER.createObjectNode() : body(request);
    }
}
