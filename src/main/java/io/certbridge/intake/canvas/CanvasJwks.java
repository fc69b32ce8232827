package io.certbridge.intake.canvas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.certbridge.intake.SignatureRejected;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The RSA keys Canvas signs Live Events with, read from its JWKS (previous, current and next key; monthly
 * rotation). Fetched on first use and cached; an unknown kid triggers a refetch, but at most one fetch per
 * {@code minRefetchInterval}, so a flood of made-up kids cannot become a flood of requests to the JWKS host.
 */
public final class CanvasJwks {

    static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_BODY_BYTES = 256 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI jwksUrl;
    private final Duration minRefetchInterval;
    private final Clock clock;
    private final HttpClient http;

    // A ReentrantLock rather than synchronized: the fetch blocks on I/O, which would pin a virtual thread.
    private final ReentrantLock fetchLock = new ReentrantLock();
    private volatile Map<String, RSAPublicKey> keys;
    private Instant lastFetchAttempt;

    public CanvasJwks(URI jwksUrl, Duration minRefetchInterval, Clock clock, HttpClient http) {
        this.jwksUrl = Objects.requireNonNull(jwksUrl, "jwksUrl");
        this.minRefetchInterval = Objects.requireNonNull(minRefetchInterval, "minRefetchInterval");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.http = Objects.requireNonNull(http, "http");
    }

    /**
     * The key published under {@code kid}, or empty when the JWKS does not have it (also when a refetch for it
     * is not allowed yet).
     *
     * @throws SignatureRejected when a fetch was needed and failed; keys cached earlier stay in use
     */
    public Optional<RSAPublicKey> key(String kid) {
        if (kid == null || kid.isBlank()) {
            return Optional.empty();
        }
        Map<String, RSAPublicKey> cached = keys;
        if (cached != null && cached.containsKey(kid)) {
            return Optional.of(cached.get(kid));
        }
        fetchLock.lock();
        try {
            // Another caller may have fetched while this one waited for the lock.
            cached = keys;
            if (cached != null && cached.containsKey(kid)) {
                return Optional.of(cached.get(kid));
            }
            Instant now = clock.instant();
            if (lastFetchAttempt != null && now.isBefore(lastFetchAttempt.plus(minRefetchInterval))) {
                if (cached == null) {
                    throw new SignatureRejected("no Canvas signing keys: the last JWKS fetch from " + jwksUrl
                            + " failed less than " + minRefetchInterval + " ago");
                }
                return Optional.empty();
            }
            lastFetchAttempt = now;
            keys = fetch();
            return Optional.ofNullable(keys.get(kid));
        } finally {
            fetchLock.unlock();
        }
    }

    private Map<String, RSAPublicKey> fetch() {
        HttpRequest request = HttpRequest.newBuilder(jwksUrl)
                .timeout(FETCH_TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse.BodyHandler<byte[]> handler = info -> info.statusCode() == 200
                ? new CappedBody(MAX_BODY_BYTES)
                : HttpResponse.BodySubscribers.replacing(null);
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, handler);
        HttpResponse<byte[]> response;
        try {
            // The request timeout only covers the wait for the headers; this bounds the body as well.
            response = pending.get(FETCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new SignatureRejected("JWKS fetch from " + jwksUrl + " took longer than " + FETCH_TIMEOUT);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new SignatureRejected("JWKS fetch from " + jwksUrl + " was interrupted");
        } catch (ExecutionException e) {
            // The client may wrap what the body subscriber failed with.
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof SignatureRejected rejected) {
                    throw new SignatureRejected(rejected.getMessage() + " (" + jwksUrl + ")");
                }
            }
            throw new SignatureRejected("JWKS fetch from " + jwksUrl + " failed: " + e.getCause(), e.getCause());
        }
        if (response.statusCode() != 200) {
            throw new SignatureRejected("JWKS fetch from " + jwksUrl + " answered HTTP " + response.statusCode());
        }
        Map<String, RSAPublicKey> parsed = parse(response.body());
        if (parsed.isEmpty()) {
            throw new SignatureRejected("JWKS from " + jwksUrl + " holds no usable RS256 signing key");
        }
        return Map.copyOf(parsed);
    }

    private Map<String, RSAPublicKey> parse(byte[] body) {
        JsonNode jwks;
        try {
            jwks = JSON.readTree(body);
        } catch (IOException e) {
            throw new SignatureRejected("JWKS from " + jwksUrl + " is not JSON");
        }
        JsonNode list = jwks == null ? null : jwks.get("keys");
        if (list == null || !list.isArray()) {
            throw new SignatureRejected("JWKS from " + jwksUrl + " has no \"keys\" array");
        }
        Map<String, RSAPublicKey> result = new HashMap<>();
        for (JsonNode jwk : list) {
            if (isRs256SigningKey(jwk)) {
                rsaKey(jwk).ifPresent(key -> result.put(jwk.get("kid").asText(), key));
            }
        }
        return result;
    }

    private static boolean isRs256SigningKey(JsonNode jwk) {
        return jwk.isObject()
                && "RSA".equals(text(jwk, "kty"))
                && absentOr(jwk, "use", "sig")
                && absentOr(jwk, "alg", "RS256")
                && text(jwk, "kid") != null && !text(jwk, "kid").isEmpty()
                && text(jwk, "n") != null
                && text(jwk, "e") != null;
    }

    /** A malformed entry is skipped rather than failing the whole set, so one bad key cannot hide the others. */
    private static Optional<RSAPublicKey> rsaKey(JsonNode jwk) {
        try {
            Base64.Decoder base64url = Base64.getUrlDecoder();
            BigInteger modulus = new BigInteger(1, base64url.decode(text(jwk, "n")));
            BigInteger exponent = new BigInteger(1, base64url.decode(text(jwk, "e")));
            return Optional.of((RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(modulus, exponent)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static boolean absentOr(JsonNode jwk, String field, String expected) {
        return !jwk.has(field) || expected.equals(text(jwk, field));
    }

    private static String text(JsonNode jwk, String field) {
        JsonNode value = jwk.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    /** Collects a response body, refusing it as soon as it grows past the limit. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (result.isDone()) {
                    return;
                }
                if (bytes.size() + buffer.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(
                            new SignatureRejected("JWKS response is larger than " + limit + " bytes"));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
