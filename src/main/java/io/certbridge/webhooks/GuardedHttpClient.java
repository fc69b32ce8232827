package io.certbridge.webhooks;

import io.certbridge.shared.net.BlockedAddressException;
import io.certbridge.shared.net.GuardedDnsResolver;
import io.certbridge.shared.net.SsrfGuard;
import io.certbridge.shared.net.UnsafeUrlException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.ModalCloseable;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.stereotype.Component;

/**
 * POSTs to customers' URLs. Every connection goes to addresses {@link SsrfGuard} allowed, IP-literal hosts
 * included (HttpClient hands those to the DnsResolver as well); redirects are returned, never followed; a call
 * ends after {@code timeout} however slowly the receiver trickles; at most {@code maxResponseBodyBytes} of the
 * answer are read. Connections are pooled per host.
 */
@Component
public class GuardedHttpClient implements AutoCloseable {

    /**
     * What the receiver answered: {@code bodySnippet} is at most the configured number of bytes, decoded leniently;
     * {@code headers} are looked up case-insensitively, the first value of each.
     */
    public record Response(int status, String bodySnippet, Map<String, String> headers, Duration elapsed) {
    }

    private final SsrfGuard guard;
    private final Duration timeout;
    private final Duration connectTimeout;
    private final int maxBodyBytes;
    private final CloseableHttpClient client;
    /** Aborts calls that outlive the timeout; a response timeout alone restarts with every byte received. */
    private final ScheduledThreadPoolExecutor deadlines =
            new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("webhook-deadlines").daemon().factory());

    public GuardedHttpClient(SsrfGuard guard, WebhookSettings settings) {
        this.guard = guard;
        this.timeout = settings.timeout();
        this.connectTimeout = settings.connectTimeout();
        this.maxBodyBytes = settings.maxResponseBodyBytes();
        this.client = build(guard, settings);
        deadlines.setRemoveOnCancelPolicy(true);
    }

    private static CloseableHttpClient build(SsrfGuard guard, WebhookSettings settings) {
        Timeout timeout = Timeout.of(settings.timeout());
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDnsResolver(guard))
                        // bounds what a receiver's headers can hold in memory, as the body limit does for the body
                        .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                                .http1Config(Http1Config.custom().setMaxHeaderCount(100).setMaxLineLength(8192).build())
                                .build())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                                .setSocketTimeout(timeout)
                                .setTimeToLive(TimeValue.ofMinutes(5))
                                .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                                .build())
                        .setMaxConnTotal(settings.maxConnections())
                        .setMaxConnPerRoute(settings.maxConnectionsPerHost())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout)
                        .setResponseTimeout(timeout)
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableContentCompression()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofMinutes(1))
                .setUserAgent("certbridge-webhooks")
                .build();
    }

    /** Sends {@code body} (JSON unless {@code headers} set another Content-Type); any HTTP answer is returned. */
    public Response post(String url, Map<String, String> headers, byte[] body) throws DeliveryFailedException {
        URI uri;
        try {
            uri = guard.parse(url);
        } catch (UnsafeUrlException e) {
            throw new DeliveryFailedException(e.getMessage(), e);
        }
        HttpPost request = new HttpPost(uri);
        headers.forEach(request::setHeader);
        request.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        long start = System.nanoTime();
        ScheduledFuture<?> deadline = deadlines.schedule(request::cancel, timeout.toNanos(), TimeUnit.NANOSECONDS);
        try {
            ClassicHttpResponse response = client.executeOpen(null, request, null);
            boolean readToEnd = false;
            try {
                HttpEntity entity = response.getEntity();
                byte[] snippet = entity == null ? new byte[0] : entity.getContent().readNBytes(maxBodyBytes + 1);
                readToEnd = snippet.length <= maxBodyBytes;
                return new Response(response.getCode(),
                        new String(snippet, 0, Math.min(snippet.length, maxBodyBytes), charset(entity)),
                        headers(response), Duration.ofNanos(System.nanoTime() - start));
            } finally {
                close(response, readToEnd);
            }
        } catch (IOException e) {
            throw new DeliveryFailedException(request.isCancelled() ? timedOut() : reason(e), e);
        } finally {
            deadline.cancel(false);
        }
    }

    /**
     * A body read to its end has already returned the connection to the pool. Closing a response whose body is
     * not would make HttpClient read the rest to reuse the connection, so that connection is dropped instead.
     */
    private static void close(ClassicHttpResponse response, boolean readToEnd) throws IOException {
        if (!readToEnd && response instanceof ModalCloseable closeable) {
            closeable.close(CloseMode.IMMEDIATE);
        } else {
            response.close();
        }
    }

    private static Charset charset(HttpEntity entity) {
        if (entity == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            ContentType type = ContentType.parseLenient(entity.getContentType());
            return type == null ? StandardCharsets.UTF_8 : type.getCharset(StandardCharsets.UTF_8);
        } catch (RuntimeException unknownCharset) {
            return StandardCharsets.UTF_8;
        }
    }

    private static Map<String, String> headers(ClassicHttpResponse response) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header header : response.getHeaders()) {
            headers.putIfAbsent(header.getName(), header.getValue());
        }
        return Collections.unmodifiableMap(headers);
    }

    private String timedOut() {
        return "timed out after " + seconds(timeout);
    }

    private String reason(IOException e) {
        return switch (e) {
            case BlockedAddressException blocked -> blocked.getMessage();
            case UnknownHostException unknown -> "host not found: " + unknown.getMessage();
            case ConnectTimeoutException connect -> "could not connect within " + seconds(connectTimeout);
            case InterruptedIOException interrupted -> timedOut();
            case ConnectException refused -> "connection refused";
            case SSLException tls -> "TLS failed: " + tls.getMessage();
            case NoHttpResponseException none -> "the receiver closed the connection without answering";
            case ClientProtocolException protocol -> "not a valid HTTP answer: " + protocol.getMessage();
            default -> "network error: " + e.getMessage();
        };
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        client.close(CloseMode.GRACEFUL);
    }
}
