package io.certbridge.emulator.trueapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.emulator.EmulatorServer.Response;
import io.certbridge.emulator.RecordedRequest;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes an authenticated {@code /v1/…} request to the account and answers in TRUE's JSON; a refusal
 * ({@link ApiError}) becomes TRUE's error body, an unknown method or path 404 {@code not_found}.
 */
final class TrueApi {

    private static final Pattern ROUTE = Pattern.compile("/v1/(certificates|batches)(?:/([^/]+))?(/revoke)?/?");

    private final TrueAccount account;

    TrueApi(TrueAccount account) {
        this.account = account;
    }

    Response handle(RecordedRequest request) {
        try {
            return route(request);
        } catch (ApiError refused) {
            return TrueJson.error(refused.status, refused.code, refused.getMessage());
        }
    }

    private Response route(RecordedRequest request) {
        Matcher route = ROUTE.matcher(request.path());
        if (!route.matches()) {
            throw ApiError.notFound("No such endpoint: " + request.method() + " " + request.path());
        }
        String id = route.group(2);
        String tail = id == null ? "" : id.equals("batch") && route.group(3) == null ? "/batch" : "/{id}";
        String call = request.method() + " " + route.group(1) + tail + (route.group(3) == null ? "" : "/revoke");
        return switch (call) {
            case "POST certificates" -> Response.json(201, account.toJson(account.issue(body(request))));
            case "GET certificates" -> list(account.list(CertificateQuery.parse(request.queryParams())));
            case "GET certificates/{id}" -> Response.json(200, account.toJson(account.certificate(id)));
            case "PATCH certificates/{id}" -> Response.json(200, account.toJson(account.updateStatus(id, body(request))));
            case "POST certificates/{id}/revoke" -> Response.json(200, account.toJson(account.revoke(id,
                    request.body().isBlank() ? TrueJson.MAPPER.createObjectNode() : body(request))));
            case "POST certificates/batch" -> Response.json(202, account.submitBatch(body(request)));
            case "GET batches/{id}" -> Response.json(200, account.batch(id));
            default -> throw ApiError.notFound("No such endpoint: " + request.method() + " " + request.path());
        };
    }

    /** {@code {"data":[certificate…],"has_more":bool,"next_cursor":id|null,"total_count":n}}. */
    private Response list(CertificateStore.Page page) {
        ObjectNode json = TrueJson.MAPPER.createObjectNode();
        ArrayNode data = json.putArray("data");
        page.certificates().forEach(c -> data.add(account.toJson(c)));
        json.put("has_more", page.hasMore())
                .put("next_cursor", page.hasMore() ? page.certificates().getLast().id : null)
                .put("total_count", page.totalCount());
        return Response.json(200, json);
    }

    /** The JSON object body. @throws ApiError 400 {@code invalid_json} when not JSON, not an object or not so labelled */
    private static JsonNode body(RecordedRequest request) {
        String type = request.header("Content-Type");
        try {
            JsonNode body = type != null && type.startsWith("application/json")
                    ? TrueJson.MAPPER.readTree(request.body()) : null;
            if (body != null && body.isObject()) {
                return body;
            }
        } catch (IOException malformed) {
            // refused below
        }
        throw new ApiError(400, "invalid_json", "The body must be a JSON object sent as application/json");
    }
}
