package io.certbridge.emulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Base of the outside-system emulators: a JDK {@link HttpServer} on a loopback port, with request
 * recording, fault injection and an optional response delay.
 *
 * <p>Each request is recorded, then answered by the first pending fault whose path prefix matches,
 * otherwise by {@link #handle}. Handling runs under this object's monitor, so subclasses can keep
 * plain collections and read them from {@code synchronized} accessors. A configured delay is applied
 * after handling and before the answer is written: a client that times out has still caused the
 * write, as with a slow real server.
 */
public abstract class EmulatorServer implements AutoCloseable {

    protected static final ObjectMapper JSON = new ObjectMapper();

    /** An HTTP answer. */
    public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

        public Response {
            body = body == null ? new byte[0] : body;
            headers = Map.copyOf(headers);
        }

        public static Response json(int status, JsonNode body) {
            try {
                return new Response(status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body), Map.of());
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }

        public static Response text(int status, String contentType, String body) {
            return new Response(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
        }

        public Response withHeader(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Response(status, contentType, body, all);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final RequestJournal journal = new RequestJournal();
    private volatile Duration delay = Duration.ZERO;
    /** The request method the delay applies to; null: every request. */
    private volatile String delayedMethod;
    private HttpServer server;
    private ExecutorService executor;

    /** Binds 127.0.0.1 on a free port and starts serving; calling it again does nothing. */
    public synchronized EmulatorServer start() {
        if (server != null) {
            return this;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        return this;
    }

    /** Stops serving at once; requests in flight are dropped. */
    public void stop() {
        HttpServer running;
        ExecutorService pool;
        synchronized (this) {
            running = server;
            pool = executor;
            server = null;
            executor = null;
        }
        if (running != null) {
            running.stop(0);
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** For example {@code http://127.0.0.1:41234}, without a trailing slash. */
    public synchronized String baseUrl() {
        if (server == null) {
            throw new IllegalStateException("emulator not started");
        }
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A snapshot of every request received, in arrival order (fault answers included). */
    public List<RecordedRequest> requests() {
        return journal.requests();
    }

    /** The recorded requests whose decoded path starts with {@code pathPrefix}. */
    public List<RecordedRequest> requests(String pathPrefix) {
        return journal.requests(pathPrefix);
    }

    public void clearRequests() {
        journal.clearRequests();
    }

    /** Answers the next {@code count} requests (any path) with this response; they are still recorded. */
    public void failNext(int count, int status, String contentType, String body) {
        failNext("/", count, status, contentType, body);
    }

    /** Like {@link #failNext(int, int, String, String)}, but only for requests whose path starts with the prefix. */
    public void failNext(String pathPrefix, int count, int status, String contentType, String body) {
        injectFaults(pathPrefix, count, Response.text(status, contentType, body));
    }

    /** Queues {@code count} answers of {@code response} for requests whose path starts with the prefix. */
    protected void injectFaults(String pathPrefix, int count, Response response) {
        journal.answerNext(pathPrefix, count, response);
    }

    /** Delays every answer by this much; {@code null} or zero turns the delay off. */
    public void delayResponses(Duration delay) {
        delayResponses(null, delay);
    }

    /** Delays the answers to requests of one method (after handling them, as a slow server does). */
    public void delayResponses(String method, Duration delay) {
        this.delayedMethod = method;
        this.delay = delay == null || delay.isNegative() ? Duration.ZERO : delay;
    }

    /** Clears faults, delay, recordings and (through {@link #onReset}) the emulated system's data. */
    public synchronized void reset() {
        journal.clear();
        delay = Duration.ZERO;
        onReset();
    }

    /** Clears the subclass's stored data; called by {@link #reset} under this object's monitor. */
    protected void onReset() {
    }

    /** Answers one request; called under this object's monitor, after faults were checked. */
    protected abstract Response handle(RecordedRequest request);

    /** Sees every answer before it is written (canned faults included), under this object's monitor. */
    protected void answered(RecordedRequest request, Response response) {
    }

    // ---- body and parameter helpers shared by the emulators ----

    /**
     * Reads {@code application/x-www-form-urlencoded} text into (name, value) pairs, keeping order and
     * repeated names. Names are only decoded, so {@code users[0][customfields][0][type]} or
     * {@code recipients[]} stay raw names; {@link BracketParams} nests them when needed.
     */
    public static List<Map.Entry<String, String>> parseForm(String raw) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return pairs;
        }
        for (String part : raw.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            pairs.add(Map.entry(decode(name), decode(value)));
        }
        return pairs;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return s;
        }
    }

    /** True when the request's Content-Type media type (parameters ignored) equals {@code mediaType}. */
    protected static boolean hasContentType(RecordedRequest request, String mediaType) {
        String type = request.header("Content-Type");
        if (type == null) {
            return false;
        }
        int semicolon = type.indexOf(';');
        String bare = (semicolon < 0 ? type : type.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return bare.equals(mediaType);
    }

    /** The query string nested by bracket notation. */
    protected static ObjectNode queryParams(RecordedRequest request) {
        return BracketParams.nest(request.queryParams());
    }

    /** The form body nested by bracket notation; empty unless the body is form-encoded. */
    protected static ObjectNode formParams(RecordedRequest request) {
        if (!hasContentType(request, "application/x-www-form-urlencoded")) {
            return JSON.createObjectNode();
        }
        return BracketParams.nest(request.form());
    }

    /**
     * The body parsed as JSON when the request says {@code application/json}, else {@code null}.
     *
     * @throws IllegalArgumentException when a JSON body does not parse
     */
    protected static JsonNode jsonBody(RecordedRequest request) {
        if (!hasContentType(request, "application/json") || request.body().isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(request.body());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed JSON body", e);
        }
    }

    // ---- serving ----

    private void serve(HttpExchange exchange) {
        try (exchange) {
            RecordedRequest request = new RecordedRequest(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders(),
                    exchange.getRequestBody().readAllBytes());
            Response response;
            synchronized (this) {
                response = journal.record(request);
                if (response == null) {
                    response = handleSafely(request);
                }
                answered(request, response);
            }
            Duration wait = delay;
            String method = delayedMethod;
            if (!wait.isZero() && (method == null || method.equals(request.method()))) {
                Thread.sleep(wait);
            }
            write(exchange, response);
        } catch (IOException clientWentAway) {
            // nothing to answer
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    private Response handleSafely(RecordedRequest request) {
        try {
            return handle(request);
        } catch (RuntimeException e) {
            e.printStackTrace();
            return Response.text(500, "text/plain; charset=utf-8", "emulator failure: " + e);
        }
    }

    private static void write(HttpExchange exchange, Response response) throws IOException {
        if (response.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
        }
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }
}
