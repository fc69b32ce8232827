package io.certbridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Delivers webhook bodies to the hub byte for byte, as an LMS does, with whatever headers it sends. */
public final class HookClient {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;

    public HookClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public record Delivery(int status, JsonNode body, String contentType) {
    }

    public Delivery post(String path, String contentType, String body) {
        return post(path, contentType, body, Map.of());
    }

    public Delivery post(String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? null : ApiClient.json().readTree(response.body());
            return new Delivery(response.statusCode(), json,
                    response.headers().firstValue("Content-Type").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
