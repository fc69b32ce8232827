package io.certbridge.benchmark;

import io.certbridge.emulator.CanvasEmulator;
import io.certbridge.support.ApiClient;
import java.net.URI;
import java.util.List;
import java.util.Map;
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

    private final ApiClient api;
    private final CanvasEmulator canvas;
    private final JdbcClient jdbc;
    private final String template;
    private final AtomicLong learners = new AtomicLong();
    private final LoadGenerator clients;

    LmsBenchmark(ApiClient api, CanvasEmulator canvas, JdbcClient jdbc, String template) {
        this.api = api;
        this.canvas = canvas;
        this.jdbc = jdbc;
        this.template = template;
        this.clients = new LoadGenerator(URI.create(api.baseUrl()));
    }

    void run() throws Exception {
        // intake alone: events of a course no rule covers are acknowledged and recorded, and issue nothing
        Supplier<BenchmarkRequest> unsigned = () -> delivery("application/json", event("1"));
        // the intake's code is compiled by the time it is measured, as in a hub that has run a while
        clients.warmUp(unsigned, 202, HubBenchmark.STEADY_WARM_UP, 0);
        awaitQuiet();
        clients.measure("Canvas events acknowledged (unsigned, URL token)", "events", unsigned, 202, 0);
        awaitQuiet();
        clients.warmUp(unsigned, 202, HubBenchmark.STEADY_WARM_UP, INTAKE_RATE);
        clients.measure("Canvas events acknowledged (unsigned, URL token)", "events", unsigned, 202, INTAKE_RATE);
        List<String> signed = IntStream.range(0, 2_000).parallel()
                .mapToObj(i -> canvas.signLiveEvent(event("2"))).toList();
        AtomicLong next = new AtomicLong();
        Supplier<BenchmarkRequest> jwt = () -> delivery("application/jwt",
                signed.get((int) (next.getAndIncrement() % signed.size())));
        clients.warmUp(jwt, 202, HubBenchmark.WARM_UP, 0);
        awaitQuiet();
        clients.measure("Canvas events acknowledged (signed JWT, RS256)", "events", jwt, 202, 0);
        endToEnd();
    }

    /** Completions under a rule with a Canvas custom-data write-back, timed until the last write-back is done. */
    private void endToEnd() throws Exception {
        api.post("/v1/rules", Map.of("name", "Benchmark", "source", "canvas", "event_type", "course_completed",
                "course_id", "565", "template_id", template, "fields", Map.of("course", "$.course.name"),
                "writebacks", List.of(Map.of("type", "canvas_custom_data", "namespace", "com.example.benchmark"))));
        awaitQuiet();
        // a hub that has run a while has its issuing and writing-back code compiled; so does this one
        completions(END_TO_END_EVENTS / 2);
        awaitQuiet();
        Completed completed = completions(END_TO_END_EVENTS);
        System.out.printf("end to end: %,d Canvas completions (acknowledged in %.1f s) issued and written back to "
                        + "Canvas in %.1f s: %,.0f events/s; %,d custom-data PUTs for %,d write-backs%n",
                END_TO_END_EVENTS, completed.acknowledged(), completed.writtenBack(),
                END_TO_END_EVENTS / completed.writtenBack(), completed.puts(), END_TO_END_EVENTS);
    }

    private record Completed(double acknowledged, double writtenBack, int puts) {
    }

    /** Sends {@code events} distinct completions in course 565 and waits until each is written back to Canvas. */
    private Completed completions(int events) throws Exception {
        long doneBefore = done();
        int requestsBefore = canvas.requests("/api/v1/users/").size();
        long start = System.nanoTime();
        clients.send(events, () -> delivery("application/json", event("565")), 202);
        double acknowledged = (System.nanoTime() - start) / 1e9;
        while (done() - doneBefore < events) {
            if ((System.nanoTime() - start) / 1e9 > 600) {
                throw new IllegalStateException("Only " + (done() - doneBefore) + " write-backs done after 10 minutes");
            }
            Thread.sleep(100);
        }
        return new Completed(acknowledged, (System.nanoTime() - start) / 1e9,
                canvas.requests("/api/v1/users/").size() - requestsBefore);
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
        return jdbc.sql("select count(*) from deliveries where status = 'delivered' and delivery_key like 'writeback/%'").query(Long.class).single();
    }

    private String event(String course) {
        long learner = learners.incrementAndGet();
        return EVENT.formatted(course, learner, learner, learner);
    }

    private static BenchmarkRequest delivery(String contentType, String body) {
        String query = contentType.equals("application/json") ? "?token=" + URL_TOKEN : "";
        return new BenchmarkRequest("/hooks/canvas" + query, Map.of("Content-Type", contentType), body);
    }
}
