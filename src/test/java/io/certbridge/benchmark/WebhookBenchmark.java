package io.certbridge.benchmark;

import io.certbridge.support.ApiClient;
import io.certbridge.support.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.RouteController;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Customers' webhooks, on a hub of its own that may call 127.0.0.1: a batch of 10,000 certificates is delivered
 * to a receiver in this JVM (deliveries per second, each signed, over HTTP), end to end and then from 10,000
 * messages waiting (the delivery route stopped while they were made); then the receiver is down for an hour
 * of simulated time, with the retry schedule run 720 times faster (5 s stand for an hour; Svix's schedule, from
 * 7 ms to 50 s), and every one of 1,000 events must still arrive, under one webhook-id each.
 */
final class WebhookBenchmark {

    private static final int DELIVERIES = 10_000;
    private static final int DURING_OUTAGE = 1_000;
    private static final int SPEED_UP = 720;

    void run() throws Exception {
        String schedule = String.join(",", List.of("5s", "5m", "30m", "2h", "5h", "10h", "10h").stream()
                .map(delay -> Duration.parse("PT" + delay.toUpperCase()).dividedBy(SPEED_UP).toMillis() + "ms")
                .toList());
        try (WebhookReceiver receiver = new WebhookReceiver();
             BenchmarkHub hub = BenchmarkHub.start("certbridge.webhooks.allow-http=true",
                     "certbridge.webhooks.allowed-networks[0]=127.0.0.1/32",
                     "certbridge.deliveries.connectors.customer-webhook-sink.retry.schedule=" + schedule)) {
            ApiClient api = hub.api();
            String template = hub.template();
            api.post("/v1/webhook-endpoints", Map.of("url", receiver.url(), "events", List.of("certificate.issued")));

            HubBenchmark.batch(api, template, 1_000);
            awaitDelivered(receiver, 1_000);
            int before = receiver.received().size();
            long start = System.nanoTime();
            HubBenchmark.batch(api, template, DELIVERIES);
            double issued = (System.nanoTime() - start) / 1e9;
            awaitDelivered(receiver, before + DELIVERIES);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("webhooks: %,d certificate.issued events delivered signed to a local receiver %.1f s "
                            + "after the batch's POST (the batch itself took %.1f s): %,.0f deliveries/s end to end%n",
                    DELIVERIES, seconds, issued, DELIVERIES / seconds);

            RouteController routes = hub.context().getBean(CamelContext.class).getRouteController();
            JdbcClient jdbc = hub.context().getBean(JdbcClient.class);
            routes.stopRoute("delivery");
            HubBenchmark.batch(api, template, DELIVERIES);
            while (jdbc.sql("select count(*) from deliveries where connector = 'customer-webhook-sink' and status = 'pending'").query(Long.class)
                    .single() < DELIVERIES) {
                Thread.sleep(50);
            }
            int queued = receiver.received().size();
            long dispatching = System.nanoTime();
            routes.startRoute("delivery");
            awaitDelivered(receiver, queued, DELIVERIES);
            double dispatched = (System.nanoTime() - dispatching) / 1e9;
            System.out.printf("webhooks: %,d messages waiting, sent signed and recorded in %.2f s: %,.0f deliveries/s%n",
                    DELIVERIES, dispatched, DELIVERIES / dispatched);

            int beforeOutage = receiver.received().size();
            receiver.answer(IntStream.range(0, 100_000).map(i -> 503).toArray());
            HubBenchmark.batch(api, template, DURING_OUTAGE);
            Thread.sleep(Duration.ofHours(1).dividedBy(SPEED_UP).toMillis());
            receiver.answerOk();
            long outageEnded = System.nanoTime();
            List<WebhookReceiver.Received> afterOutage = awaitDelivered(receiver, beforeOutage, DURING_OUTAGE);
            long distinct = afterOutage.stream().filter(r -> r.answered() == 200).map(r -> r.header("webhook-id"))
                    .distinct().count();
            System.out.printf("webhooks: receiver down for 1 h of simulated time (%d s at %dx): %,d of %,d events "
                            + "delivered, %,d distinct webhook-ids, %,d attempts in all, the last %.1f s after it came "
                            + "back%n", Duration.ofHours(1).dividedBy(SPEED_UP).toSeconds(), SPEED_UP, distinct,
                    DURING_OUTAGE, afterOutage.stream().map(r -> r.header("webhook-id")).distinct().count(),
                    afterOutage.size(), (System.nanoTime() - outageEnded) / 1e9);
        }
    }

    private static void awaitDelivered(WebhookReceiver receiver, int count) throws InterruptedException {
        awaitDelivered(receiver, 0, count);
    }

    /** The requests after the first {@code skip}, once {@code count} of them were answered 200. */
    private static List<WebhookReceiver.Received> awaitDelivered(WebhookReceiver receiver, int skip, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (true) {
            List<WebhookReceiver.Received> all = receiver.received();
            List<WebhookReceiver.Received> since = all.subList(Math.min(skip, all.size()), all.size());
            if (since.stream().filter(r -> r.answered() == 200).count() >= count) {
                return since;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Only " + since.stream().filter(r -> r.answered() == 200).count()
                        + " of " + count + " webhooks delivered after 5 minutes");
            }
            Thread.sleep(20);
        }
    }
}
