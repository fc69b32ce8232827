package io.certbridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A local EVM chain: anvil (from the npm package in src/test/node) on a loopback port. The chain outlives
 * {@link #stop()} and {@link #start()}: anvil writes its state to a file when it stops and reads it when it starts.
 * Pending transactions and the automine setting do not survive a restart.
 */
public final class AnvilNode implements AutoCloseable {

    /** Account 0 of anvil's default mnemonic, funded with 10,000 ether. */
    public static final String FUNDED_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    public static final String FUNDED_ADDRESS = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

    private static final long CHAIN_ID = 31337;
    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Path executable;
    private final List<String> options;
    private final Path work;
    private final int port;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    /** @param options more anvil options, such as {@code --hardfork cancun} */
    public AnvilNode(String... options) {
        this.options = List.of(options);
        executable = Path.of(System.getProperty("user.dir"), "src/test/node/node_modules/.bin/anvil");
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException(executable + " is missing: run `npm ci --prefix src/test/node`");
        }
        try {
            work = Files.createTempDirectory("anvil");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        port = FreePort.pick();
        start();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public long chainId() {
        return CHAIN_ID;
    }

    public synchronized void start() {
        if (process != null) {
            throw new IllegalStateException("anvil already runs at " + url());
        }
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--chain-id", String.valueOf(CHAIN_ID), "--silent",
                "--state", work.resolve("state.json").toString()));
        command.addAll(options);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("anvil.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitAnswers();
    }

    /**
     * SIGTERM to anvil itself, not to the npm wrapper: the wrapper forwards the signal but exits at once, while
     * anvil is still writing its state, and a restart would then read half a file or find the port taken.
     */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> anvil = process.descendants().toList();
        if (anvil.isEmpty()) {
            process.destroy();
        } else {
            anvil.forEach(ProcessHandle::destroy);
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                anvil.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            process = null;
        }
    }

    public String snapshot() {
        return rpc("evm_snapshot").asText();
    }

    public void revert(String id) {
        if (!rpc("evm_revert", id).asBoolean()) {
            throw new IllegalStateException("anvil has no snapshot " + id);
        }
    }

    public void automine(boolean on) {
        rpc("evm_setAutomine", on);
    }

    public void mine(int blocks) {
        rpc("anvil_mine", "0x" + Integer.toHexString(blocks));
    }

    /** Any JSON-RPC method: its result, or an IllegalStateException with the node's error. */
    public JsonNode rpc(String method, Object... params) {
        try {
            String body = json.writeValueAsString(Map.of("jsonrpc", "2.0", "id", 1, "method", method,
                    "params", List.of(params)));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url()))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode answer = json.readTree(response.body());
            if (answer.has("error")) {
                throw new IllegalStateException(method + " failed: " + answer.get("error"));
            }
            return answer.get("result");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitAnswers() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("anvil exited with " + process.exitValue() + "; see " + log());
            }
            try {
                rpc("eth_chainId");
                return;
            } catch (UncheckedIOException notYet) {
                Pause.millis(50);
            }
        }
        throw new IllegalStateException("anvil did not answer within " + STARTUP + "; see " + log());
    }

    private Path log() {
        return work.resolve("anvil.log");
    }
}
