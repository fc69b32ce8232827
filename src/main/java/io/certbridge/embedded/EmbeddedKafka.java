package io.certbridge.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Apache Kafka broker (KRaft combined mode: broker and controller in one node) running inside
 * this JVM, listening on 127.0.0.1 only and keeping all its state in one directory.
 *
 * <p>The directory is formatted on first use only; afterwards its {@code meta.properties} carries the cluster
 * id, so topics, records and committed consumer-group offsets survive {@link #close()} and a new
 * {@link #start(Path, int)}, and also a killed JVM (Kafka then recovers the logs on the next start).
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";
    private static final String BROKER_LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String LOCK_FILE = "embedded-kafka.lock";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    // Loggers only the broker and controller use; the clients' loggers are left as the application set them.
    private static final List<String> BROKER_LOGGERS = List.of("kafka", "state.change.logger",
            "org.apache.kafka.controller", "org.apache.kafka.coordinator", "org.apache.kafka.image",
            "org.apache.kafka.metadata", "org.apache.kafka.queue", "org.apache.kafka.raft",
            "org.apache.kafka.server", "org.apache.kafka.snapshot", "org.apache.kafka.storage");

    // Directories locked by the brokers running in this JVM.
    private static final Set<Path> DIRS_IN_USE = ConcurrentHashMap.newKeySet();

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path dir;
    private final FileChannel dirLock;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path dir, FileChannel dirLock) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.dir = dir;
        this.dirLock = dirLock;
    }

    /**
     * Starts the broker and returns once it accepts produce and consume requests.
     *
     * @param logDir directory holding all of the broker's data; created and formatted if it has no Kafka data yet
     * @param port   client port on 127.0.0.1, or 0 to pick a free one; the controller gets a free port of its own
     * @throws IllegalStateException if the directory is in use, or the broker cannot start or is not ready in time
     */
    public static EmbeddedKafka start(Path logDir, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
        }
        long startNanos = System.nanoTime();
        Path dir;
        try {
            dir = Files.createDirectories(logDir).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create Kafka directory " + logDir, e);
        }
        int brokerPort = port == 0 ? freePort(-1) : port;
        // The controller port may change from one start to the next: with a static voter set (kraft.version 0)
        // the voters' endpoints are read from the config and not kept in the metadata log.
        int controllerPort = freePort(brokerPort);
        String bootstrapServers = HOST + ":" + brokerPort;

        quietBrokerLogging();
        FileChannel dirLock = lockDirectory(dir);
        EmbeddedKafka kafka = null;
        try {
            boolean formatted = formatIfNeeded(dir);
            KafkaConfig config = new KafkaConfig(config(dir, brokerPort, controllerPort), false);
            kafka = new EmbeddedKafka(new KafkaRaftServer(config, Time.SYSTEM), bootstrapServers, dir, dirLock);
            kafka.server.startup();
            awaitReady(bootstrapServers);
            log.info("Embedded Kafka started on {} in {} ms, data in {}{}", bootstrapServers,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), dir, formatted ? " (new)" : "");
            return kafka;
        } catch (RuntimeException | Error e) {
            try {
                if (kafka != null) {
                    kafka.close();
                } else {
                    unlockDirectory(dir, dirLock);
                }
            } catch (RuntimeException | Error closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw new IllegalStateException("Embedded Kafka in " + dir + " failed to start: " + e.getMessage(), e);
        }
    }

    /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:9092}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Shuts the broker down cleanly and waits until it has stopped; calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            unlockDirectory(dir, dirLock);
        }
        log.info("Embedded Kafka on {} stopped", bootstrapServers);
    }

    /**
     * Locks {@code dir} for this broker. Kafka takes its own lock only when the broker part starts, after the
     * controller has already written to the metadata log, so a second broker on the same directory has to be
     * refused before it starts at all.
     */
    private static FileChannel lockDirectory(Path dir) {
        // Checked first because closing a second channel on the lock file would release this process's lock.
        if (!DIRS_IN_USE.add(dir)) {
            throw new IllegalStateException("Kafka directory " + dir + " is in use by another embedded Kafka in this JVM");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.tryLock() != null) {
                return channel;
            }
        } catch (IOException e) {
            unlockDirectory(dir, channel);
            throw new UncheckedIOException("Could not lock Kafka directory " + dir, e);
        }
        unlockDirectory(dir, channel);
        throw new IllegalStateException("Kafka directory " + dir + " is in use by another process");
    }

    private static void unlockDirectory(Path dir, FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            log.warn("Could not release the lock on Kafka directory {}", dir, e);
        } finally {
            DIRS_IN_USE.remove(dir);
        }
    }

    private static Properties config(Path dir, int brokerPort, int controllerPort) {
        String brokerEndpoint = BROKER_LISTENER + "://" + HOST + ":" + brokerPort;
        String controllerEndpoint = CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort;
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", String.valueOf(NODE_ID));
        props.setProperty("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.setProperty("controller.listener.names", CONTROLLER_LISTENER);
        props.setProperty("inter.broker.listener.name", BROKER_LISTENER);
        props.setProperty("listeners", brokerEndpoint + "," + controllerEndpoint);
        props.setProperty("advertised.listeners", brokerEndpoint);
        props.setProperty("listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.setProperty("log.dirs", dir.toString());

        props.setProperty("num.partitions", "1");
        props.setProperty("default.replication.factor", "1");
        props.setProperty("min.insync.replicas", "1");
        props.setProperty("offsets.topic.replication.factor", "1");
        // Only read when __consumer_offsets is created: changing it later does not resize the existing topic.
        props.setProperty("offsets.topic.num.partitions", "1");
        props.setProperty("transaction.state.log.replication.factor", "1");
        props.setProperty("transaction.state.log.min.isr", "1");
        props.setProperty("transaction.state.log.num.partitions", "1");
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        // After a kill -9 the controller keeps the dead broker's session alive and rejects the restarted broker's
        // registration until that session expires, which by default (9 s) adds about 13 s to the start.
        props.setProperty("broker.session.timeout.ms", "3000");
        props.setProperty("broker.heartbeat.interval.ms", "750");
        props.setProperty("auto.create.topics.enable", "true");

        props.setProperty("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        props.setProperty("offsets.topic.segment.bytes", String.valueOf(16 * 1024 * 1024));
        props.setProperty("log.retention.hours", "168");
        // The log cleaner allocates this buffer on the heap at startup; the default is 128 MiB.
        props.setProperty("log.cleaner.dedupe.buffer.size", String.valueOf(32 * 1024 * 1024));
        props.setProperty("num.network.threads", "2");
        props.setProperty("num.io.threads", "2");
        return props;
    }

    /** Turns the broker's loggers down to WARN, except those given a level by the application's logging config. */
    private static void quietBrokerLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            for (String name : BROKER_LOGGERS) {
                ch.qos.logback.classic.Logger logger = logback.getLogger(name);
                if (logger.getLevel() == null) {
                    logger.setLevel(Level.WARN);
                }
            }
        }
    }

    /** Formats {@code dir} with a new cluster id unless it holds a formatted Kafka log directory already. */
    private static boolean formatIfNeeded(Path dir) {
        // Formatter writes meta.properties last, so a directory without it has no usable data yet.
        if (Files.exists(dir.resolve("meta.properties"))) {
            return false;
        }
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setDirectories(List.of(dir.toString()))
                    .setMetadataLogDirectory(dir.toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .run();
            return true;
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka log directory " + dir, e);
        }
    }

    private static void awaitReady(String bootstrapServers) {
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-readiness",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        try (Admin admin = Admin.create(adminConfig)) {
            while (System.nanoTime() < deadline) {
                try {
                    // KRaft reports only unfenced brokers here, i.e. ones that serve produce and fetch.
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for embedded Kafka to become ready", e);
        }
        throw new IllegalStateException("Embedded Kafka on " + bootstrapServers + " was not ready within "
                + READY_TIMEOUT.toSeconds() + " s", last);
    }

    /** A free TCP port on 127.0.0.1 other than {@code exclude}. */
    private static int freePort(int exclude) {
        try {
            while (true) {
                try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                    int port = socket.getLocalPort();
                    if (port != exclude) {
                        return port;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port on " + HOST, e);
        }
    }
}
