package io.certbridge.benchmark;

import io.certbridge.emulator.CanvasEmulator;
import io.certbridge.support.ApiClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Canvas Live Events against the running hub: how many deliveries /hooks/canvas acknowledges a second
 * (each one durable on Kafka first) with p50 and p99, and how many course completions a second are
 * carried all the way to a certificate written back into (emulated) Canvas.
 */
final class LmsBenchmark {

    static final String CANVAS_TOKEN = "benchmark-canvas-token";
    static final String URL_TOKEN = "benchmark-url-token";
    private static final int INTAKE_RATE = 3_000;
    private static final int END_TO_END_EVENTS = 10_000;
    private static final String EVENT = """
            {"metadata":{"event_name":"course_completed","event_time":"2024-11-05T13:40:02.118Z","producer":"canvas",
            "root_account_uuid":"VicYj3cu5BIFpoZhDVU4DZumnlBrWi1grgJEzADs","job_tag":"CourseProgress.dispatch_live_event"},
            "body":{"course":{"account_id":"79","id":"%s","name":"Computer Science I","sis_source_id":null},
            "progress":{"completed_at":"2024-11-05T13:38:00Z","next_requirement_url":null,
            "requirement_completed_count":6,"requirement_count":6},
            "user":{"email":"learner%d@example.com","id":"%d","name":"Learner %d"}}}""";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    private final ApiClient api;
    private final CanvasEmulator canvas;
    private final JdbcClient jdbc;
    private final String template;
    private final AtomicLong learners = new AtomicLong();

    LmsBenchmark(ApiClient api, CanvasEmulator canvas, JdbcClient jdbc, String template) {
        this.api = api;
        this.canvas = canvas;
        this.jdbc = jdbc;
        this.template = template;
    }

    void run() throws Exception {
        // intake alone: events of a course no rule covers are acknowledged and recorded, and issue nothing
        Supplier<HttpRequest> unsigned = () -> delivery("application/json", event("1"));
        HubBenchmark.load(unsigned, 202, HubBenchmark.WARM_UP, 0);
        HubBenchmark.report("Canvas events acknowledged (unsigned, URL token)", "events", "as fast as they can",
                HubBenchmark.load(unsigned, 202, HubBenchmark.MEASURE, 0));
        awaitQuiet();
        HubBenchmark.report("Canvas events acknowledged (unsigned, URL token)", "events", "paced at " + INTAKE_RATE + "/s",
                HubBenchmark.load(unsigned, 202, HubBenchmark.MEASURE, INTAKE_RATE));
        List<String> signed = IntStream.range(0, 2_000).parallel()
                .mapToObj(i -> canvas.signLiveEvent(event("2"))).toList();
        AtomicLong next = new AtomicLong();
        Supplier<HttpRequest> jwt = () -> delivery("application/jwt",
                signed.get((int) (next.getAndIncrement() % signed.size())));
        HubBenchmark.load(jwt, 202, HubBenchmark.WARM_UP, 0);
        awaitQuiet();
        HubBenchmark.report("Canvas events acknowledged (signed JWT, RS256)", "events", "as fast as they can",
                HubBenchmark.load(jwt, 202, HubBenchmark.MEASURE, 0));
        endToEnd();
    }

    /** Completions under a rule with a Canvas custom-data write-back, timed until the last write-back is done. */
    private void endToEnd() throws Exception {
        api.post("/v1/rules", Map.of("name", "Benchmark", "source", "canvas", "event_type", "course_completed",
                "course_id", "565", "template_id", template, "fields", Map.of("course", "$.course.name"),
                "writebacks", List.of(Map.of("type", "canvas_custom_data", "namespace", "com.example.benchmark"))));
        awaitQuiet();
        long doneBefore = done();
        int requestsBefore = canvas.requests("/api/v1/users/").size();
        long start = System.nanoTime();
        sendCompletions();
        double acknowledged = (System.nanoTime() - start) / 1e9;
        while (done() - doneBefore < END_TO_END_EVENTS) {
            if ((System.nanoTime() - start) / 1e9 > 600) {
                throw new IllegalStateException("Only " + (done() - doneBefore) + " write-backs done after 10 minutes");
            }
            Thread.sleep(100);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("end to end: %,d Canvas completions (acknowledged in %.1f s) issued and written back to "
                        + "Canvas in %.1f s: %,.0f events/s; %,d custom-data PUTs for %,d write-backs%n",
                END_TO_END_EVENTS, acknowledged, seconds, END_TO_END_EVENTS / seconds,
                canvas.requests("/api/v1/users/").size() - requestsBefore, END_TO_END_EVENTS);
    }

    /** {@code END_TO_END_EVENTS} distinct completions in course 565, from the benchmark's concurrent clients. */
    private void sendCompletions() throws Exception {
        AtomicLong sent = new AtomicLong();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < HubBenchmark.CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    while (sent.incrementAndGet() <= END_TO_END_EVENTS) {
                        int status = HTTP.send(delivery("application/json", event("565")),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                        if (status != 202) {
                            throw new IllegalStateException("Answered " + status);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        }
    }

    /** Lets the events of one measurement be recorded first, so that recording them does not count against the next. */
    private void awaitQuiet() throws InterruptedException {
        long last = -1;
        while (true) {
            long recorded = jdbc.sql("select count(*) from intake_events").query(Long.class).single();
            if (recorded == last) {
                return;
            }
            last = recorded;
            Thread.sleep(2_000);
        }
    }

    private long done() {
        return jdbc.sql("select count(*) from writebacks where status = 'done'").query(Long.class).single();
    }

    private String event(String course) {
        long learner = learners.incrementAndGet();
        return EVENT.formatted(course, learner, learner, learner);
    }

    private HttpRequest delivery(String contentType, String body) {
        String query = contentType.equals("application/json") ? "?token=" + URL_TOKEN : "";
        return HttpRequest.newBuilder(URI.create(api.baseUrl() + "/hooks/canvas" + query))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
