package io.certbridge.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.support.ApiClient;
import io.certbridge.support.HubProcess;
import io.certbridge.support.NodeCredentialVerifier;
import io.certbridge.support.NodeCredentialVerifier.HttpResult;
import io.certbridge.support.StatusListBits;
import io.certbridge.support.TestResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Status lists past their ceiling, on two instances at once: two hubs in JVMs of their own, on one PostgreSQL and one
 * Kafka, issue 300,000 certificates through API batches at the same time, which fills two lists of 131,072 and opens
 * a third. No position is handed out twice; each list that holds positions is served by both hubs, the same list
 * with the same ETag; a revocation or suspension through either hub shows at once in the list the other serves, and
 * each list's set bits are exactly the certificates revoked (suspended) in it.
 */
class StatusListsAcrossHubsTest {

    private static final int CERTIFICATES = 300_000;
    private static final int BATCH = 10_000;
    private static final int LIST = StatusLists.LIST_SIZE;
    /**
     * Measured at 300,000: a database of 1.55 GB (certificates 931 MB, relayed outbox rows not yet vacuumed 493 MB),
     * 3.5 GB on disk with the WAL and Kafka's topics.
     */
    private static final long DISK_NEEDED = 4000L * 1024 * 1024;
    /** Below this, the run stops before it fills a disk that other work shares. */
    private static final long DISK_FLOOR = 250L * 1024 * 1024;
    private static final String PUBLIC_BASE_URL = "http://localhost:8080";

    private static Path work;
    private static HubProcess hubA;
    private static HubProcess hubB;
    private static Connection database;

    @BeforeAll
    static void start() throws Exception {
        work = Files.createTempDirectory("status-lists-across-hubs");
        long free = Files.getFileStore(work).getUsableSpace();
        // the machine's disk, not the hub, decides whether 3.5 GB of certificates fit: a build machine without them
        // skips this test, saying so, rather than fail the build on a full disk halfway through
        assumeTrue(free > DISK_NEEDED, () -> String.format("300,000 certificates need %,d MB of free disk; this machine "
                + "has %,d MB", DISK_NEEDED >> 20, free >> 20));
        hubA = HubProcess.start(work.resolve("a"), work.resolve("a.log"));
        hubB = HubProcess.startBeside(hubA, work.resolve("b"), work.resolve("b.log"));
        database = DriverManager.getConnection(hubA.databaseUrl(), "postgres", "");
    }

    @AfterAll
    static void stop() throws Exception {
        if (database != null) {
            database.close();
        }
        for (HubProcess hub : new HubProcess[] {hubB, hubA}) {
            if (hub != null) {
                hub.close();
            }
        }
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void twoHubsIssuing300000CertificatesAtOnceShareNoPositionAndEveryListShowsExactlyItsRevocations()
            throws Exception {
        long started = System.nanoTime();
        String template = template(hubA.api());
        CompletableFuture<List<String>> fromA = CompletableFuture.supplyAsync(() -> submit(hubA.api(), template));
        CompletableFuture<List<String>> fromB = CompletableFuture.supplyAsync(() -> submit(hubB.api(), template));
        awaitIssued(Duration.ofMinutes(4));
        List<String> batches = Stream.concat(fromA.join().stream(), fromB.join().stream()).toList();
        long issuedAfter = System.nanoTime() - started;

        for (String batch : batches) {
            JsonNode done = awaitBatch(hubA.api(), batch);
            assertThat(done.get("completed").asInt()).as(batch).isEqualTo(BATCH);
            assertThat(done.get("failed").asInt()).as(batch).isZero();
        }
        System.out.printf("StatusListsAcrossHubsTest: %,d certificates issued by two hubs in %.1f s; "
                        + "database %,d MB (%s); on disk %,d MB%n", number("select count(*) from certificates"),
                issuedAfter / 1e9, number("select pg_database_size(current_database())") >> 20, largestTables(),
                onDisk(work) >> 20);
        assertThat(number("select count(*) from certificates where status_index is not null")).isEqualTo(CERTIFICATES);
        assertThat(number("select count(distinct status_index) from certificates")).isEqualTo(CERTIFICATES);
        assertThat(number("select max(status_index) from certificates")).isGreaterThanOrEqualTo(2L * LIST);

        List<Sample> samples = samples();
        BitSet[] revoked = {new BitSet(), new BitSet(), new BitSet()};
        BitSet[] suspended = {new BitSet(), new BitSet(), new BitSet()};
        for (int i = 0; i < samples.size(); i++) {
            Sample sample = samples.get(i);
            HubProcess through = i % 2 == 0 ? hubA : hubB;
            HubProcess other = through == hubA ? hubB : hubA;
            boolean revoke = i % 4 < 2;
            int list = (int) (sample.index() / LIST);
            int position = (int) (sample.index() % LIST);
            if (revoke) {
                assertThat(through.api().post("/v1/certificates/" + sample.id() + "/revoke",
                        Map.of("reason", "sample")).status()).isEqualTo(200);
                revoked[list].set(position);
            } else {
                assertThat(through.api().patch("/v1/certificates/" + sample.id(), Map.of("status", "suspended"))
                        .status()).isEqualTo(200);
                suspended[list].set(position);
            }
            String purpose = revoke ? "revocation" : "suspension";
            assertThat(bits(other.api().get("/status/" + purpose + "/" + list)).get(position))
                    .as("%s of position %d, at once on the other hub", purpose, sample.index()).isTrue();
        }

        for (int list = 0; list < 3; list++) {
            for (String purpose : List.of("revocation", "suspension")) {
                ApiClient.Response onA = hubA.api().get("/status/" + purpose + "/" + list);
                ApiClient.Response onB = hubB.api().get("/status/" + purpose + "/" + list);
                BitSet expected = purpose.equals("revocation") ? revoked[list] : suspended[list];
                assertThat(bits(onA)).as("%s list %d on hub A", purpose, list).isEqualTo(expected);
                assertThat(bits(onB)).as("%s list %d on hub B", purpose, list).isEqualTo(expected);
                assertThat(onA.header("ETag")).startsWith("W/\"").isEqualTo(onB.header("ETag"));
            }
        }
        assertThat(hubA.api().get("/status/revocation/3").status()).isEqualTo(404);
        assertThat(hubB.api().get("/status/suspension/3").status()).isEqualTo(404);

        Sample lastRevoked = samples.stream().filter(s -> s.index() >= 2L * LIST)
                .filter(s -> revoked[2].get((int) (s.index() % LIST))).findFirst().orElseThrow();
        JsonNode credential = hubB.api().get("/v1/certificates/" + lastRevoked.id()).body().get("credential");
        assertThat(NodeCredentialVerifier.verifyOverHttp(credential.toString(), TestResources.publicContexts(),
                PUBLIC_BASE_URL, hubB.api().baseUrl()))
                .isEqualTo(new HttpResult(true, null, Map.of("revocation", true)));
        System.out.printf("StatusListsAcrossHubsTest: whole run %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private record Sample(String id, long index) {
    }

    /** Fifteen batches of 10,000 through one hub, submitted one after another; their ids. */
    private static List<String> submit(ApiClient api, String template) {
        List<Object> recipients = IntStream.range(0, BATCH)
                .mapToObj(i -> (Object) Map.of("name", "Learner " + i, "email", "learner" + i + "@example.org",
                        "fields", Map.of("course", "Status lists")))
                .toList();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < CERTIFICATES / BATCH / 2; i++) {
            ApiClient.Response accepted = api.post("/v1/certificates/batch",
                    Map.of("template_id", template, "recipients", recipients));
            assertThat(accepted.status()).isEqualTo(202);
            ids.add(accepted.body().get("id").asText());
        }
        return ids;
    }

    private static void awaitIssued(Duration timeout) throws SQLException, IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (long issued; (issued = number("select count(*) from certificates")) < CERTIFICATES; Thread.sleep(1000)) {
            assertThat(System.nanoTime()).as("all issued within %s; %,d were", timeout, issued).isLessThan(deadline);
            assertThat(Files.getFileStore(work).getUsableSpace()).as("free disk with %,d issued", issued)
                    .isGreaterThan(DISK_FLOOR);
        }
    }

    private static JsonNode awaitBatch(ApiClient api, String batch) throws InterruptedException {
        for (int attempt = 0; attempt < 60; attempt++) {
            JsonNode state = api.get("/v1/batches/" + batch).body();
            if ("completed".equals(state.get("status").asText())) {
                return state;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("batch " + batch + " did not complete");
    }

    /**
     * In each of the three lists, the two lowest and the two highest positions handed out, and eight more at
     * random, in order of position.
     */
    private static List<Sample> samples() throws SQLException {
        List<Sample> samples = new ArrayList<>();
        for (int list = 0; list < 3; list++) {
            String inList = " from certificates where status_index >= " + (long) list * LIST + " and status_index < "
                    + (long) (list + 1) * LIST;
            List<Sample> lowest = query("select id, status_index" + inList + " order by status_index limit 2");
            List<Sample> highest = query("select id, status_index" + inList + " order by status_index desc limit 2");
            samples.addAll(lowest);
            samples.addAll(highest);
            samples.addAll(query("select id, status_index" + inList + " and status_index > " + lowest.get(1).index()
                    + " and status_index < " + highest.get(1).index() + " order by random() limit 8"));
        }
        samples.sort(Comparator.comparingLong(Sample::index));
        assertThat(samples).hasSize(36).doesNotHaveDuplicates();
        return samples;
    }

    private static List<Sample> query(String sql) throws SQLException {
        try (Statement statement = database.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<Sample> found = new ArrayList<>();
            while (rows.next()) {
                found.add(new Sample(rows.getString(1), rows.getLong(2)));
            }
            return found;
        }
    }

    private static long number(String sql) throws SQLException {
        try (Statement statement = database.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static BitSet bits(ApiClient.Response list) {
        assertThat(list.status()).isEqualTo(200);
        return StatusListBits.set(list.body().at("/credentialSubject/encodedList").asText());
    }

    private static String template(ApiClient api) {
        return api.post("/v1/templates", Map.of("name", "Status lists across hubs",
                        "fields", List.of(Map.of("name", "course", "type", "string", "required", true))))
                .body().get("id").asText();
    }

    /** Bytes the directory takes on disk (du): Kafka's preallocated, sparse index files count for what they use. */
    private static long onDisk(Path directory) throws IOException, InterruptedException {
        Process du = new ProcessBuilder("du", "-sk", directory.toString()).redirectErrorStream(true).start();
        String kilobytes = new String(du.getInputStream().readAllBytes()).split("\\s")[0];
        du.waitFor();
        return Long.parseLong(kilobytes) * 1024;
    }

    private static String largestTables() throws SQLException {
        try (Statement statement = database.createStatement(); ResultSet rows = statement.executeQuery("""
                select relname, pg_total_relation_size(oid) >> 20 from pg_class where relkind = 'r'
                order by pg_total_relation_size(oid) desc limit 5""")) {
            List<String> tables = new ArrayList<>();
            while (rows.next()) {
                tables.add(rows.getString(1) + " " + rows.getLong(2) + " MB");
            }
            return String.join(", ", tables);
        }
    }
}
