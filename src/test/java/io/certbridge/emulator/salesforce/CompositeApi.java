package io.certbridge.emulator.salesforce;

import static io.certbridge.emulator.salesforce.SalesforceJson.MAPPER;
import static io.certbridge.emulator.salesforce.SalesforceJson.errors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /services/data/vXX.X/composite} with {@code {"allOrNone","compositeRequest":[{"method",
 * "url","referenceId","body"}]}}: the subrequests run in order, each answered as its standalone request
 * would be, and the answer is 200 {@code {"compositeResponse":[{"body","httpHeaders","httpStatusCode",
 * "referenceId"}]}}. With {@code allOrNone: true} and any failure nothing is applied: failed subrequests
 * keep their error and the others become 400 {@code PROCESSING_HALTED}. More than 25 subrequests is a
 * 400 for the whole call (its error code and text are inferred). {@code @{ref.field}} references between
 * subrequests are not resolved.
 */
final class CompositeApi {

    static final int MAX_SUBREQUESTS = 25;

    private final RestApi api;
    private final SObjectStore store;

    CompositeApi(RestApi api, SObjectStore store) {
        this.api = api;
        this.store = store;
    }

    /** True for the path part after the version that names this resource. */
    boolean handles(String pathAfterVersion) {
        return "/composite".equals(pathAfterVersion) || "/composite/".equals(pathAfterVersion);
    }

    RestResult run(JsonNode body) {
        JsonNode subrequests = body == null ? null : body.get("compositeRequest");
        if (subrequests == null || !subrequests.isArray()) {
            return RestResult.of(400, errors("JSON_PARSER_ERROR", "compositeRequest is required"));
        }
        if (subrequests.size() > MAX_SUBREQUESTS) {
            return RestResult.of(400, errors("LIMIT_EXCEEDED",
                    "Composite request limited to " + MAX_SUBREQUESTS + " subrequests"));
        }
        boolean allOrNone = body.path("allOrNone").asBoolean(false);
        List<RestResult> results = new ArrayList<>();
        synchronized (store) {
            SObjectStore.Snapshot before = store.begin();
            for (JsonNode subrequest : subrequests) {
                String url = subrequest.path("url").asText("");
                int query = url.indexOf('?');
                results.add(api.dispatch(subrequest.path("method").asText(""),
                        query < 0 ? url : url.substring(0, query), subrequest.get("body")));
            }
            if (allOrNone && results.stream().anyMatch(result -> !result.isSuccess())) {
                store.restore(before);
                results.replaceAll(result -> result.isSuccess() ? RestResult.of(400, errors("PROCESSING_HALTED",
                        "The transaction was rolled back since another operation in the same transaction failed."))
                        : result);
            } else {
                store.commit();
            }
        }
        ObjectNode answer = MAPPER.createObjectNode();
        ArrayNode responses = answer.putArray("compositeResponse");
        for (int i = 0; i < results.size(); i++) {
            RestResult result = results.get(i);
            ObjectNode entry = responses.addObject();
            entry.set("body", result.body() == null ? NullNode.getInstance() : result.body());
            entry.set("httpHeaders", MAPPER.valueToTree(result.headers()));
            entry.put("httpStatusCode", result.status());
            entry.put("referenceId", subrequests.get(i).path("referenceId").asText(null));
        }
        return RestResult.of(200, answer);
    }
}
