package io.certbridge.emulator.trustedform;

import io.certbridge.emulator.EmulatorServer.Response;
import io.certbridge.emulator.RecordedRequest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request to the emulator and the answer it got (injected faults included), with the API key kept out:
 * {@code Authorization} reads {@code Basic API:<redacted>} (the user stays visible), or {@code <redacted>}.
 *
 * @param headers each request header's values joined by {@code ", "}, names as received
 */
public record RecordedCall(Instant at, String method, String path, Map<String, String> headers, String requestBody,
                           int status, String responseBody) {

    static RecordedCall of(RecordedRequest request, Response response, Instant at) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> headers.put(name, name.equalsIgnoreCase("Authorization")
                ? redacted(String.join(", ", values)) : String.join(", ", values)));
        return new RecordedCall(at, request.method(), request.path(), Map.copyOf(headers), request.body(),
                response.status(), response.bodyText());
    }

    /** The header, case-insensitively, or {@code null}. */
    public String header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private static String redacted(String authorization) {
        BasicCredentials credentials = BasicCredentials.parse(authorization);
        return credentials == null ? "<redacted>" : "Basic " + credentials.user() + ":<redacted>";
    }
}
