package io.certbridge.emulator.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.emulator.EmulatorServer.Response;
import java.util.Map;

/**
 * The answer to one REST request, kept as JSON so that it can be sent on its own or become one
 * entry of a composite response.
 *
 * @param status  the HTTP status
 * @param body    the JSON body, {@code null} for none (as for 204)
 * @param headers response headers, e.g. {@code Location}
 */
record RestResult(int status, JsonNode body, Map<String, String> headers) {

    RestResult {
        headers = Map.copyOf(headers);
    }

    static RestResult of(int status, JsonNode body) {
        return new RestResult(status, body, Map.of());
    }

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    Response toResponse() {
        return SalesforceJson.response(status, body, headers);
    }
}
