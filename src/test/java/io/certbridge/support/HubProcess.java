package io.certbridge.support;

import io.certbridge.CertbridgeApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The hub in a JVM of its own, so that a test can kill it with SIGKILL as an operator or the OOM killer would. */
public final class HubProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private HubProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static HubProcess start(Path dataDir, Path log, String... properties) {
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
            HubProcess hub = new HubProcess(process, port);
            hub.awaitHealthy(Duration.ofSeconds(120));
            return hub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ApiClient api() {
        return new ApiClient("http://127.0.0.1:" + port, HubTest.BOOTSTRAP_KEY);
    }

    /**
     * Healthy, and done starting: the bootstrap key is made by a start-up runner, which may run after the
     * health endpoint already answers.
     */
    private void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The hub exited with " + process.exitValue());
            }
            try {
                if (api().withKey(null).get("/actuator/health").status() == 200
                        && api().get("/v1/api-keys").status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Pause.millis(250);
        }
        throw new IllegalStateException("The hub did not become healthy within " + timeout);
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
