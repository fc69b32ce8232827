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

/**
 * Verifies a credential's Data Integrity proof with Digital Bazaar's JavaScript libraries
 * (src/test/node/verify-credential.mjs), an implementation independent of ours.
 * Its document loader is offline: {@code documents} must hold every context the credential uses and the
 * issuer's DID or controller document, keyed by URL or DID.
 */
public final class NodeCredentialVerifier {

    public record Result(boolean verified, String error) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;
    private static final Executor READERS = Executors.newVirtualThreadPerTaskExecutor();

    private NodeCredentialVerifier() {
    }

    public static Result verify(String credentialJson, Map<String, String> documents) {
        Path projectRoot = Path.of(System.getProperty("user.dir"));
        if (!Files.isDirectory(projectRoot.resolve("src/test/node/node_modules"))) {
            throw new IllegalStateException(
                    "The independent verifier's packages are not installed: run `npm ci --prefix src/test/node`");
        }
        try {
            ObjectNode input = JSON.createObjectNode();
            input.set("credential", JSON.readTree(credentialJson));
            ObjectNode docs = input.putObject("documents");
            for (Map.Entry<String, String> document : documents.entrySet()) {
                docs.set(document.getKey(), JSON.readTree(document.getValue()));
            }
            return run(projectRoot, JSON.writeValueAsBytes(input));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Result run(Path projectRoot, byte[] input) throws IOException {
        Process process = new ProcessBuilder("node", "src/test/node/verify-credential.mjs")
                .directory(projectRoot.toFile())
                .start();
        CompletableFuture<String> stdout = readAsync(process.getInputStream());
        CompletableFuture<String> stderr = readAsync(process.getErrorStream());
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input);
        }
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("verify-credential.mjs did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        "verify-credential.mjs exited with " + process.exitValue() + ": " + stderr.join());
            }
            JsonNode output = JSON.readTree(stdout.join());
            JsonNode error = output.path("error");
            return new Result(output.path("verified").asBoolean(false), error.isTextual() ? error.asText() : null);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
