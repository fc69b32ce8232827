package io.certbridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Runs one of the test scripts in src/test/node: a JSON document on stdin, a JSON document on stdout. */
public final class NodeScript {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;
    private static final Executor READERS = Executors.newVirtualThreadPerTaskExecutor();

    private NodeScript() {
    }

    public static JsonNode run(String script, JsonNode input) {
        Path projectRoot = Path.of(System.getProperty("user.dir"));
        if (!Files.isDirectory(projectRoot.resolve("src/test/node/node_modules"))) {
            throw new IllegalStateException(
                    "The test scripts' packages are not installed: run `npm ci --prefix src/test/node`");
        }
        try {
            Process process = new ProcessBuilder("node", "src/test/node/" + script)
                    .directory(projectRoot.toFile())
                    .start();
            CompletableFuture<String> stdout = readAsync(process.getInputStream());
            CompletableFuture<String> stderr = readAsync(process.getErrorStream());
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(JSON.writeValueAsBytes(input));
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(script + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(script + " exited with " + process.exitValue() + ": " + stderr.join());
            }
            return JSON.readTree(stdout.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Documents for an offline document loader, keyed by URL or DID, each given as JSON text. */
    public static ObjectNode documents(Map<String, String> documents) {
        ObjectNode node = JSON.createObjectNode();
        try {
            for (Map.Entry<String, String> document : documents.entrySet()) {
                node.set(document.getKey(), JSON.readTree(document.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return node;
    }

    private static CompletableFuture<String> readAsync(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, READERS);
    }
}
