package io.certbridge.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * A fixed webhook address for a hub that restarts on another port: each POST is passed on with the sender's headers
 * to the hub of the moment, and answered 502 while there is none, as a load balancer in front of a dead hub does.
 */
public final class HookForwarder implements AutoCloseable {

    private final List<String> passed;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile String target;

    /** Passes on the request headers named (Content-Type, the sender's signature headers…). */
    public HookForwarder(String... passedHeaders) {
        passed = List.of(passedHeaders);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::forward);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Where deliveries go from now on; null: nowhere (502). */
    public void to(String url) {
        target = url;
    }

    private void forward(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        int status = 502;
        String url = target;
        if (url != null) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            passed.forEach(header -> {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            });
            try {
                status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException hubDown) {
                status = 502;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        http.close();
    }
}
