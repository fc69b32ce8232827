package io.certbridge.benchmark;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * {@value #CLIENTS} concurrent clients, each a thread with its own keep-alive connection to the hub, that
 * send requests for a while and time their answers.
 */
final class LoadGenerator {

    static final int CLIENTS = 64;

    private final URI hub;

    LoadGenerator(URI hub) {
        this.hub = hub;
    }

    /** Sends requests for {@code duration} and forgets how long they took. */
    void warmUp(Supplier<BenchmarkRequest> request, int expectedStatus, Duration duration, int rate) throws Exception {
        run(request, expectedStatus, duration, rate);
    }

    /**
     * Sends requests for {@link HubBenchmark#MEASURE} and prints how many were answered a second, and the p50 and
     * p99 latency; {@code rate} as for {@link #run}.
     */
    void measure(String what, String unit, Supplier<BenchmarkRequest> request, int expectedStatus, int rate)
            throws Exception {
        long[] latencies = run(request, expectedStatus, HubBenchmark.MEASURE, rate);
        Arrays.sort(latencies);
        long seconds = HubBenchmark.MEASURE.toSeconds();
        System.out.printf("%s, %d concurrent clients %s, %d s: %,.0f %s/s, p50 %.1f ms, p99 %.1f ms%n",
                what, CLIENTS, rate == 0 ? "as fast as they can" : "paced at " + rate + "/s", seconds,
                latencies.length / (double) seconds, unit, percentile(latencies, 0.50), percentile(latencies, 0.99));
    }

    /** Sends exactly {@code requests} requests, each client its next as soon as it has its answer. */
    void send(int requests, Supplier<BenchmarkRequest> request, int expectedStatus) throws Exception {
        AtomicLong sent = new AtomicLong();
        List<Future<?>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    try (BareHttpConnection connection = new BareHttpConnection(hub)) {
                        while (sent.incrementAndGet() <= requests) {
                            expect(expectedStatus, connection.send(request.get()));
                        }
                    }
                    return null;
                }));
            }
        }
        for (Future<?> client : clients) {
            client.get();
        }
    }

    /**
     * Latencies in nanoseconds of every request that finished within {@code duration}. With a rate, the
     * clients together start {@code rate} requests a second on a fixed schedule, and a latency counts from
     * the scheduled start, so that a slow answer also counts against the requests it held up; with rate 0
     * each client sends its next request as soon as it has its answer.
     */
    private long[] run(Supplier<BenchmarkRequest> request, int expectedStatus, Duration duration, int rate)
            throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        List<Future<long[]>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            long begin = System.nanoTime();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    long[] latencies = new long[1024];
                    int count = 0;
                    try (BareHttpConnection connection = new BareHttpConnection(hub)) {
                        for (long n = 0; running.get(); n++) {
                            long start = rate == 0 ? System.nanoTime()
                                    : begin + (client + n * CLIENTS) * 1_000_000_000L / rate;
                            long wait = start - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            }
                            expect(expectedStatus, connection.send(request.get()));
                            if (running.get()) {
                                if (count == latencies.length) {
                                    latencies = Arrays.copyOf(latencies, count * 2);
                                }
                                latencies[count++] = System.nanoTime() - start;
                            }
                        }
                    }
                    return Arrays.copyOf(latencies, count);
                }));
            }
            Thread.sleep(duration.toMillis());
            running.set(false);
        }
        List<long[]> all = new ArrayList<>();
        for (Future<long[]> client : clients) {
            all.add(client.get());
        }
        return all.stream().flatMapToLong(Arrays::stream).toArray();
    }

    private static void expect(int expectedStatus, int status) {
        if (status != expectedStatus) {
            throw new IllegalStateException("Answered " + status + " instead of " + expectedStatus);
        }
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
