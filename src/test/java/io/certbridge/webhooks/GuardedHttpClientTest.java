package io.certbridge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.certbridge.shared.net.BlockedAddressException;
import io.certbridge.shared.net.HostResolver;
import io.certbridge.shared.net.SsrfGuard;
import io.certbridge.support.FreePort;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every call goes to a receiver on 127.0.0.1, or is refused by the guard before a socket is opened. */
class GuardedHttpClientTest {

    private static final byte[] EVENT = "{\"type\":\"certificate.issued\"}".getBytes(StandardCharsets.UTF_8);

    private final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
    private final List<GuardedHttpClient> clients = new ArrayList<>();
    private HttpServer receiver;
    private String base;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + exchange.getRequestHeaders().getFirst("webhook-id") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(exchange);
        });
        receiver.start();
        base = "http://127.0.0.1:" + receiver.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        clients.forEach(GuardedHttpClient::close);
        receiver.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            switch (exchange.getRequestURI().getPath()) {
                case "/accept" -> {
                    exchange.getResponseHeaders().set("Retry-After", "120");
                    send(exchange, 202, "accepted".getBytes(StandardCharsets.UTF_8));
                }
                case "/moved" -> {
                    exchange.getResponseHeaders().set("Location", base + "/moved-here");
                    exchange.sendResponseHeaders(302, -1);
                }
                case "/huge" -> {
                    byte[] chunk = new byte[64 * 1024];
                    Arrays.fill(chunk, (byte) 'x');
                    exchange.sendResponseHeaders(200, 80L * chunk.length);
                    for (int i = 0; i < 80; i++) {
                        exchange.getResponseBody().write(chunk);
                    }
                }
                case "/endless" -> {
                    byte[] chunk = new byte[8 * 1024];
                    Arrays.fill(chunk, (byte) 'y');
                    exchange.sendResponseHeaders(200, 0);
                    while (true) {
                        exchange.getResponseBody().write(chunk);
                    }
                }
                case "/slow" -> {
                    pause(Duration.ofSeconds(3));
                    send(exchange, 200, new byte[0]);
                }
                case "/trickle" -> {
                    exchange.sendResponseHeaders(200, 0);
                    OutputStream body = exchange.getResponseBody();
                    for (int i = 0; i < 50; i++) {
                        body.write('z');
                        body.flush();
                        pause(Duration.ofMillis(100));
                    }
                }
                default -> send(exchange, 200, "ok".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A client whose guard lets 127.0.0.1 through (unless told otherwise) and knows "localhost" without DNS. */
    private GuardedHttpClient client(String... settings) {
        WebhookSettings webhooks = TestSettings.webhooks(settings);
        HostResolver localhostOnly = host -> {
            if (!host.equals("localhost")) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1})};
        };
        GuardedHttpClient client = new GuardedHttpClient(webhooks.guard(localhostOnly), webhooks);
        clients.add(client);
        return client;
    }

    private GuardedHttpClient allowingLoopback(String... more) {
        String[] settings = Arrays.copyOf(new String[] {"allow-http=true", "allowed-networks=127.0.0.1/32"}, 2 + more.length);
        System.arraycopy(more, 0, settings, 2, more.length);
        return client(settings);
    }

    @Test
    void a2xxComesBackWithStatusBodyHeadersAndElapsedTime() throws Exception {
        GuardedHttpClient.Response response = allowingLoopback()
                .post(base + "/accept", Map.of("webhook-id", "msg_1"), EVENT);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.bodySnippet()).isEqualTo("accepted");
        assertThat(response.headers().get("retry-after")).isEqualTo("120");
        assertThat(response.elapsed()).isPositive().isLessThan(Duration.ofSeconds(5));
        assertThat(requests).containsExactly(
                "POST /accept application/json; charset=UTF-8 msg_1 {\"type\":\"certificate.issued\"}");
    }

    @Test
    void aRedirectIsReturnedAndNeverFollowed() throws Exception {
        GuardedHttpClient.Response response = allowingLoopback().post(base + "/moved", Map.of(), EVENT);

        assertThat(response.status()).isEqualTo(302);
        assertThat(response.headers().get("Location")).isEqualTo(base + "/moved-here");
        assertThat(requests).hasSize(1).allMatch(request -> request.startsWith("POST /moved "));
    }

    @Test
    void aHugeBodyIsReadOnlyUpToTheLimit() throws Exception {
        GuardedHttpClient client = allowingLoopback("timeout=5s");

        GuardedHttpClient.Response huge = client.post(base + "/huge", Map.of(), EVENT);
        GuardedHttpClient.Response endless = client.post(base + "/endless", Map.of(), EVENT);

        assertThat(huge.status()).isEqualTo(200);
        assertThat(huge.bodySnippet()).isEqualTo("x".repeat(4096));
        assertThat(endless.bodySnippet()).isEqualTo("y".repeat(4096));
        assertThat(endless.elapsed()).isLessThan(Duration.ofSeconds(4));
        assertThat(client.post(base + "/accept", Map.of(), EVENT).status()).isEqualTo(202);
    }

    @Test
    void aSlowReceiverTimesOutInAboutTheTimeout() {
        GuardedHttpClient client = allowingLoopback("timeout=500ms");

        long start = System.nanoTime();
        assertThatThrownBy(() -> client.post(base + "/slow", Map.of(), EVENT))
                .isInstanceOf(DeliveryFailedException.class).hasMessage("timed out after 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(400), Duration.ofMillis(2500));
    }

    @Test
    void aTricklingReceiverIsCutOffAtTheTimeout() {
        GuardedHttpClient client = allowingLoopback("timeout=1s");

        long start = System.nanoTime();
        assertThatThrownBy(() -> client.post(base + "/trickle", Map.of(), EVENT))
                .isInstanceOf(DeliveryFailedException.class).hasMessage("timed out after 1 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(900), Duration.ofMillis(3000));
    }

    @Test
    void loopbackIsRefusedByTheGuardWhenNotAllowed() {
        GuardedHttpClient client = client("allow-http=true");
        int port = receiver.getAddress().getPort();

        assertThatThrownBy(() -> client.post(base + "/accept", Map.of(), EVENT))
                .isInstanceOf(DeliveryFailedException.class).hasMessage("address 127.0.0.1 is not public")
                .hasCauseInstanceOf(BlockedAddressException.class);
        assertThatThrownBy(() -> client.post("http://localhost:" + port + "/accept", Map.of(), EVENT))
                .isInstanceOf(DeliveryFailedException.class)
                .hasMessage("localhost resolves only to addresses that are not public");
        assertThatThrownBy(() -> client.post("http://0x7f000001:" + port + "/accept", Map.of(), EVENT))
                .hasMessage("address 127.0.0.1 is not public");
        assertThatThrownBy(() -> client.post("http://[::1]:" + port + "/accept", Map.of(), EVENT))
                .hasMessage("address 0:0:0:0:0:0:0:1 is not public");
        assertThat(requests).isEmpty();
    }

    @Test
    void plainHttpIsRefusedWithoutTheDevelopmentSwitch() {
        GuardedHttpClient client = client("allowed-networks=127.0.0.1/32");

        assertThatThrownBy(() -> client.post(base + "/accept", Map.of(), EVENT))
                .isInstanceOf(DeliveryFailedException.class).hasMessage("The URL must start with https://.");
        assertThat(requests).isEmpty();
    }

    @Test
    void nobodyListeningIsAConnectionRefused() {
        assertThatThrownBy(() -> allowingLoopback().post("http://127.0.0.1:" + FreePort.closed() + "/", Map.of(), EVENT))
                .isInstanceOf(DeliveryFailedException.class).hasMessage("connection refused");
    }
}
