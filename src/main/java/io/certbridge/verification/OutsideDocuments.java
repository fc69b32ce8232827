package io.certbridge.verification;

import io.certbridge.credential.Jsonp;
import io.certbridge.shared.IpLiterals;
import io.certbridge.shared.net.BlockedAddressException;
import io.certbridge.shared.net.GuardedDnsResolver;
import io.certbridge.shared.net.HostResolver;
import io.certbridge.shared.net.SsrfGuard;
import io.certbridge.shared.net.UnsafeUrlException;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.springframework.stereotype.Component;

/**
 * Fetches the documents verifying another issuer's credential needs, a did:web DID document or a status list
 * credential, through the SSRF guard: public addresses over https only (loopback over http too when
 * {@code certbridge.verification.fetch.http-for-loopback}), no redirects, the whole call within the timeout, at most
 * the configured size read. With http-for-loopback, a loopback host is called over http even where the URL
 * (a did:web's) says https. Documents fetched are kept for the cache's time, so that a page of verifications asks once.
 */
@Component
class OutsideDocuments implements AutoCloseable {

    /** Why a document could not be had, in words for the verification's reader. */
    static final class Unavailable extends Exception {
        Unavailable(String reason) {
            super(reason);
        }
    }

    private record Cached(JsonObject document, Instant until) {
    }

    private static final int MAX_CACHED = 1_000;

    private final SsrfGuard guard;
    private final VerificationSettings.Fetch settings;
    private final Clock clock;
    private final CloseableHttpClient client;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor deadlines =
            new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("verification-fetch-deadlines").daemon().factory());

    OutsideDocuments(VerificationSettings settings, HostResolver resolver, Clock clock) {
        this.settings = settings.fetch();
        this.clock = clock;
        boolean loopback = this.settings.httpForLoopback();
        this.guard = new SsrfGuard(loopback, loopback ? List.of("127.0.0.0/8", "::1/128") : List.of(), resolver);
        Timeout timeout = Timeout.of(this.settings.timeout());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new GuardedDnsResolver(guard))
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(timeout).setSocketTimeout(timeout).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(timeout).setResponseTimeout(timeout).setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent("certbridge-verifier")
                .build();
        deadlines.setRemoveOnCancelPolicy(true);
    }

    /** The JSON object at {@code url}. */
    JsonObject get(String url) throws Unavailable {
        Cached cached = cache.get(url);
        if (cached != null && clock.instant().isBefore(cached.until())) {
            return cached.document();
        }
        JsonObject document = fetch(url);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(url, new Cached(document, clock.instant().plus(settings.cacheTtl())));
        return document;
    }

    private JsonObject fetch(String url) throws Unavailable {
        URI uri;
        try {
            uri = guard.parse(url);
        } catch (UnsafeUrlException e) {
            throw new Unavailable(url + " is not fetched: " + e.getMessage());
        }
        if (isLoopback(uri.getHost())) {
            uri = URI.create("http" + uri.toString().substring(uri.getScheme().length()));
        } else if (uri.getScheme().equalsIgnoreCase("http")) {
            throw new Unavailable(url + " is not fetched: only https URLs are");
        }
        HttpGet request = new HttpGet(uri);
        request.setHeader("Accept", "application/did+json, application/vc+ld+json, application/ld+json;q=0.9, "
                + "application/json;q=0.8");
        ScheduledFuture<?> deadline = deadlines.schedule(request::cancel, settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
            if (response.getCode() != 200) {
                throw new Unavailable(url + " answered HTTP " + response.getCode());
            }
            byte[] body;
            try (InputStream in = response.getEntity() == null ? InputStream.nullInputStream()
                    : response.getEntity().getContent()) {
                body = in.readNBytes(settings.maxDocumentBytes() + 1);
            }
            if (body.length > settings.maxDocumentBytes()) {
                request.cancel();
                throw new Unavailable(url + " answered more than " + settings.maxDocumentBytes() + " bytes");
            }
            try {
                return Jsonp.object(new String(body, StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                throw new Unavailable(url + " did not answer a JSON object");
            }
        } catch (IOException e) {
            throw new Unavailable(url + (request.isCancelled() ? " did not answer within " + seconds() : reason(e)));
        } finally {
            deadline.cancel(false);
        }
    }

    private String reason(IOException e) {
        return switch (e) {
            case BlockedAddressException blocked -> " is not fetched: " + blocked.getMessage();
            case UnknownHostException unknown -> ": host not found";
            case ConnectException refused -> ": connection refused";
            default -> " could not be fetched: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        };
    }

    private String seconds() {
        Duration timeout = settings.timeout();
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private boolean isLoopback(String host) {
        try {
            InetAddress literal = IpLiterals.parse(host);
            return settings.httpForLoopback() && literal != null && literal.isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        client.close(CloseMode.GRACEFUL);
    }
}
