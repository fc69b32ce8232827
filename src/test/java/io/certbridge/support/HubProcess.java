package io.certbridge.support;

import io.certbridge.CertbridgeApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The hub in a JVM of its own, so that a test can kill it with SIGKILL as an operator or the OOM killer would. */
public final class HubProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path dataDir;
    private final Path log;

    private HubProcess(Process process, int port, Path dataDir, Path log) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.log = log;
    }

    public static HubProcess start(Path dataDir, Path log, String... properties) {
        HubProcess hub = launch(dataDir, log, properties);
        hub.awaitReady(Duration.ofSeconds(120));
        return hub;
    }

    /** Starts the hub and returns at once, before it listens. */
    public static HubProcess launch(Path dataDir, Path log, String... properties) {
        int port = FreePort.pick();
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), CertbridgeApplication.class.getName(),
                "--server.port=" + port, "--certbridge.data-dir=" + dataDir,
                "--certbridge.bootstrap-api-key=" + HubTest.BOOTSTRAP_KEY));
        for (String property : properties) {
            command.add("--" + property);
        }
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new HubProcess(process, port, dataDir, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A second instance beside {@code first} (started on the embedded default): on its PostgreSQL and Kafka, and
     * with its signing key, as instances behind one load balancer are.
     */
    public static HubProcess startBeside(HubProcess first, Path dataDir, Path log, String... properties) {
        try {
            String key = Files.readString(first.dataDir.resolve("keys/ed25519-signing-key")).strip();
            String[] shared = {
                    "spring.datasource.url=" + first.databaseUrl(),
                    "spring.datasource.username=postgres", "spring.datasource.password=",
                    "certbridge.kafka.bootstrap-servers=" + last(Files.readString(first.log), "Embedded Kafka started on (\\S+)"),
                    "certbridge.credentials.signing-key=" + key};
            return start(dataDir, log, Stream.concat(Stream.of(shared), Stream.of(properties)).toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JDBC URL of the embedded PostgreSQL this hub started (user postgres, no password). */
    public String databaseUrl() {
        try {
            return "jdbc:postgresql://" + last(Files.readString(log), "PostgreSQL running on (127\\.0\\.0\\.1:\\d+)")
                    + "/postgres";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String last(String text, String pattern) {
        Matcher matcher = Pattern.compile(pattern).matcher(text);
        String found = null;
        while (matcher.find()) {
            found = matcher.group(1);
        }
        if (found == null) {
            throw new IllegalStateException("The first hub's log has no line matching " + pattern);
        }
        return found;
    }

    public ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port, HubTest.BOOTSTRAP_KEY);
    }

    /** Ready: done starting, and its database and Kafka answer. */
    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The hub exited with " + process.exitValue());
            }
            try {
                if (api().withKey(null).get("/actuator/health/readiness").status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Pause.millis(250);
        }
        throw new IllegalStateException("The hub did not become ready within " + timeout);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code once the hub has stopped on its own, or empty if it still runs after {@code timeout}. */
    public java.util.OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
