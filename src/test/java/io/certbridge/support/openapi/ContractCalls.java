package io.certbridge.support.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.support.MultipartForm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Calls a hub over HTTP and holds every answer against the description: an answer of an operation that is not
 * described, or whose status, content type or body the description does not allow, is a failure. Remembers which
 * operations have answered with success and with an error, so that a test can tell which were never tried.
 */
public final class ContractCalls {

    public enum Outcome { SUCCESS, ERROR }

    public record Answer(int status, String contentType, byte[] body, HttpResponse<byte[]> raw) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String text(String field) {
            return json().path(field).asText();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String defaultKey;
    private final OpenApiDescription description;
    private final Map<OpenApiDescription.Operation, Set<Outcome>> seen = new ConcurrentHashMap<>();
    private final List<String> failures = new ArrayList<>();

    public ContractCalls(String baseUrl, String defaultKey, OpenApiDescription description) {
        this.baseUrl = baseUrl;
        this.defaultKey = defaultKey;
        this.description = description;
    }

    public Call call(String method, String pathAndQuery) {
        return new Call(method, pathAndQuery);
    }

    public Map<OpenApiDescription.Operation, Set<Outcome>> seen() {
        return Map.copyOf(seen);
    }

    /** Fails with every mismatch since the last call of this method. */
    public synchronized void assertConforms() {
        List<String> found = List.copyOf(failures);
        failures.clear();
        if (!found.isEmpty()) {
            throw new AssertionError(found.size() + " answers differ from the description:\n  "
                    + String.join("\n  ", found));
        }
    }

    private synchronized void fail(String failure) {
        failures.add(failure);
    }

    public final class Call {
        private final String method;
        private final String pathAndQuery;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String key = defaultKey;
        private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

        private Call(String method, String pathAndQuery) {
            this.method = method;
            this.pathAndQuery = pathAndQuery;
        }

        /** Sends this key, or none with null. */
        public Call key(String apiKey) {
            this.key = apiKey;
            return this;
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Call json(Object value) {
            try {
                return body("application/json", value instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
                        : JSON.writeValueAsBytes(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Call form(MultipartForm form) {
            return body(form.contentType(), form.bytes());
        }

        public Call body(String contentType, byte[] bytes) {
            headers.put("Content-Type", contentType);
            this.body = HttpRequest.BodyPublishers.ofByteArray(bytes);
            return this;
        }

        /** Sends a call later steps build on, which must answer {@code status}. */
        public Answer send(int status) {
            Answer answer = send();
            if (answer.status() != status) {
                throw new AssertionError(method + " " + pathAndQuery + " answered " + answer.status() + ", not "
                        + status + ": " + new String(answer.body(), StandardCharsets.UTF_8));
            }
            return answer;
        }

        /** Sends the call and checks its answer; the answer is returned whether it conforms or not. */
        public Answer send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                    .timeout(Duration.ofSeconds(60)).method(method, body);
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            headers.forEach(request::header);
            HttpResponse<byte[]> response;
            try {
                response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            String contentType = response.headers().firstValue("Content-Type").orElse(null);
            Answer answer = new Answer(response.statusCode(), contentType, response.body(), response);
            check(answer);
            return answer;
        }

        private void check(Answer answer) {
            String path = URI.create(pathAndQuery).getRawPath();
            String call = method + " " + pathAndQuery + " -> " + answer.status() + " " + answer.contentType();
            Optional<OpenApiDescription.Operation> operation = description.operationFor(method, path);
            if (operation.isEmpty()) {
                fail(call + ": no operation is described for it");
                return;
            }
            List<String> problems = description.problems(operation.get(), answer.status(), answer.contentType(),
                    answer.body());
            if (!problems.isEmpty()) {
                fail(call + ": " + String.join("; ", problems) + "\n    body: "
                        + new String(answer.body(), 0, Math.min(answer.body().length, 600), StandardCharsets.UTF_8));
                return;
            }
            seen.computeIfAbsent(operation.get(), o -> EnumSet.noneOf(Outcome.class))
                    .add(answer.status() < 400 ? Outcome.SUCCESS : Outcome.ERROR);
        }
    }
}
