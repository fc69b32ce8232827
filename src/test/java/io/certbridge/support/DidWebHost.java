package io.certbridge.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Another issuer's web host on 127.0.0.1: serves JSON documents by path (a did:web's /.well-known/did.json, a status
 * list) over plain http, which the hub under test reaches because certbridge.verification.fetch.http-for-loopback is on;
 * records every path asked for.
 */
public final class DidWebHost implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> documents = new ConcurrentHashMap<>();
    private final List<String> requested = new CopyOnWriteArrayList<>();

    public DidWebHost() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            requested.add(exchange.getRequestURI().getPath());
            String document = documents.get(exchange.getRequestURI().getPath());
            byte[] body = (document == null ? "{}" : document).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(document == null ? 404 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** The did:web of this host: did:web:127.0.0.1%3A{port}. */
    public String did() {
        return "did:web:127.0.0.1%3A" + server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public void serve(String path, String json) {
        documents.put(path, json);
    }

    public void serveDidDocument(String json) {
        serve("/.well-known/did.json", json);
    }

    public List<String> requested() {
        return List.copyOf(requested);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
