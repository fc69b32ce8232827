package io.certbridge.intake.canvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.certbridge.intake.SignatureRejected;
import io.certbridge.support.MutableClock;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Canvas Live Events signed as RS256 JWTs, checked against a JWKS served from loopback. */
class LiveEventJwtTest {

    static final Path COURSE_COMPLETED = Path.of("../shared/reference/payloads/canvas-course_completed.json");
    static final Duration REFETCH_INTERVAL = Duration.ofMinutes(5);
    static final ObjectMapper JSON = new ObjectMapper();

    static KeyPair previous;
    static KeyPair current;
    static KeyPair next;
    static KeyPair unpublished;
    static byte[] event;

    final AtomicInteger jwksRequests = new AtomicInteger();
    volatile byte[] jwksBody;
    volatile int jwksStatus = 200;
    volatile long jwksDelayMillis;

    HttpServer server;
    ExecutorService serverThreads;
    HttpClient http;
    MutableClock clock;
    CanvasJwks keys;

    @BeforeAll
    static void keysAndEvent() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        previous = generator.generateKeyPair();
        current = generator.generateKeyPair();
        next = generator.generateKeyPair();
        unpublished = generator.generateKeyPair();
        event = Files.readAllBytes(COURSE_COMPLETED);
    }

    @BeforeEach
    void startJwksServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.createContext("/main/jwks", exchange -> {
            jwksRequests.incrementAndGet();
            try {
                Thread.sleep(jwksDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = jwksStatus == 200 ? jwksBody : "{\"message\":\"Internal server error\"}".getBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(jwksStatus, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        publish(jwk("2024-10", previous), jwk("2024-11", current));
        http = HttpClient.newHttpClient();
        clock = new MutableClock(Instant.parse("2024-11-05T13:40:05Z"));
        keys = newJwks();
    }

    @AfterEach
    void stopJwksServer() {
        server.stop(0);
        serverThreads.shutdownNow();
        http.close();
    }

    @Test
    void aTokenSignedWithAPublishedKeyGivesBackTheEventBytes() {
        assertThat(verify(rs256("2024-11", event, current.getPrivate()))).isEqualTo(event);
        assertThat(verify(rs256("2024-10", event, previous.getPrivate()))).isEqualTo(event);
        assertThat(jwksRequests).as("the JWKS is fetched once, then cached").hasValue(1);
    }

    @Test
    void paddedSegmentsAndSurroundingWhitespaceAreAccepted() throws Exception {
        Base64.Encoder padded = Base64.getUrlEncoder();
        String signingInput = padded.encodeToString(header("RS256", "2024-11").getBytes(StandardCharsets.UTF_8))
                + "." + padded.encodeToString(event);
        String token = signingInput + "." + padded.encodeToString(rsaSign(signingInput, current.getPrivate()));
        assertThat(token).contains("=");

        assertThat(verify("\r\n" + token + "\n")).isEqualTo(event);
    }

    @Test
    void aTamperedEventIsRejected() {
        String[] parts = rs256("2024-11", event, current.getPrivate()).split("\\.");
        byte[] tampered = new String(event, StandardCharsets.UTF_8).replace("Ada Lovelace", "Mallory")
                .getBytes(StandardCharsets.UTF_8);
        String token = parts[0] + "." + b64(tampered) + "." + parts[2];

        assertRejected(token, "does not verify");
    }

    @Test
    void aTokenSignedWithAnUnpublishedKeyIsRejected() {
        assertRejected(rs256("2024-12-rogue", event, unpublished.getPrivate()), "no Canvas key");
        assertRejected(rs256("2024-11", event, unpublished.getPrivate()), "does not verify");
    }

    @Test
    void onlyRs256IsAccepted() {
        String payload = b64(event);
        String someSignature = b64(new byte[256]);
        for (String alg : new String[] {"none", "None", "NONE", "", "RS512", "PS256", "ES256", "rs256", "RS256 "}) {
            assertRejected(b64(header(alg, "2024-11")) + "." + payload + ".", "alg");
            assertRejected(b64(header(alg, "2024-11")) + "." + payload + "." + someSignature, "alg");
        }
        assertRejected(b64("{\"kid\":\"2024-11\"}") + "." + payload + "." + someSignature, "alg");
        assertRejected(b64("{\"alg\":[\"RS256\"],\"kid\":\"2024-11\"}") + "." + payload + "." + someSignature, "alg");
    }

    @Test
    void hs256SignedWithThePublicKeyBytesIsRejected() throws Exception {
        RSAPublicKey publicKey = (RSAPublicKey) current.getPublic();
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(publicKey.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        for (byte[] hmacKey : List.of(publicKey.getEncoded(), pem.getBytes(StandardCharsets.US_ASCII),
                unsigned(publicKey.getModulus()))) {
            String signingInput = b64(header("HS256", "2024-11")) + "." + b64(event);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            String forged = signingInput + "." + b64(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));

            assertRejected(forged, "alg");
        }
    }

    @Test
    void tokensOutOfDateAreRejectedAllowingFiveMinutesOfClockSkew() {
        long now = clock.instant().getEpochSecond();

        assertRejected(rs256("2024-11", withClaim("exp", now - 301), current.getPrivate()), "expired");
        assertRejected(rs256("2024-11", withClaim("nbf", now + 301), current.getPrivate()), "nbf");
        assertRejected(rs256("2024-11", withClaim("iat", now + 301), current.getPrivate()), "iat");

        for (byte[] inDate : List.of(withClaim("exp", now - 299), withClaim("exp", now + 3600),
                withClaim("nbf", now + 299), withClaim("iat", now + 299), withClaim("iat", now - 86_400))) {
            assertThat(verify(rs256("2024-11", inDate, current.getPrivate()))).isEqualTo(inDate);
        }
    }

    @Test
    void aNewlyPublishedKeyIsFetchedOnceTheRefetchIntervalAllows() {
        assertThat(verify(rs256("2024-11", event, current.getPrivate()))).isEqualTo(event);
        publish(jwk("2024-11", current), jwk("2024-12", next));
        String signedWithTheNewKey = rs256("2024-12", event, next.getPrivate());

        clock.advance(REFETCH_INTERVAL.minusSeconds(1));
        assertRejected(signedWithTheNewKey, "no Canvas key");
        assertThat(jwksRequests).as("no refetch before the interval is over").hasValue(1);

        clock.advance(Duration.ofSeconds(1));
        assertThat(verify(signedWithTheNewKey)).isEqualTo(event);
        assertThat(jwksRequests).hasValue(2);
        assertThat(verify(rs256("2024-11", event, current.getPrivate()))).isEqualTo(event);
        assertRejected(rs256("2024-10", event, previous.getPrivate()), "no Canvas key");
    }

    @Test
    void aBurstOfUnknownKidsCostsAtMostOneFetchPerInterval() {
        verify(rs256("2024-11", event, current.getPrivate()));
        clock.advance(REFETCH_INTERVAL);

        for (int i = 0; i < 100; i++) {
            assertRejected(rs256("made-up-" + i, event, unpublished.getPrivate()), "no Canvas key");
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(jwksRequests).hasValue(2);

        clock.advance(REFETCH_INTERVAL);
        for (int i = 0; i < 100; i++) {
            assertRejected(rs256("made-up-again-" + i, event, unpublished.getPrivate()), "no Canvas key");
        }
        assertThat(jwksRequests).hasValue(3);
        assertThat(verify(rs256("2024-11", event, current.getPrivate()))).isEqualTo(event);
    }

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        jwksDelayMillis = 300;
        String token = rs256("2024-11", event, current.getPrivate());
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<byte[]>> callers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            callers.add(() -> {
                start.await();
                return verify(token);
            });
        }
        try (ExecutorService threads = Executors.newFixedThreadPool(16)) {
            List<Future<byte[]>> results = callers.stream().map(threads::submit).toList();
            start.countDown();
            for (Future<byte[]> result : results) {
                assertThat(result.get()).isEqualTo(event);
            }
        }
        assertThat(jwksRequests).hasValue(1);
    }

    @Test
    void aFailingJwksServerRejectsButCachedKeysStayUsable() {
        assertThat(verify(rs256("2024-11", event, current.getPrivate()))).isEqualTo(event);
        jwksStatus = 500;
        publish(jwk("2024-11", current), jwk("2024-12", next));
        clock.advance(REFETCH_INTERVAL);

        assertRejected(rs256("2024-12", event, next.getPrivate()), "HTTP 500");
        assertThat(jwksRequests).hasValue(2);
        assertThat(verify(rs256("2024-11", event, current.getPrivate()))).isEqualTo(event);

        jwksStatus = 200;
        clock.advance(REFETCH_INTERVAL);
        assertThat(verify(rs256("2024-12", event, next.getPrivate()))).isEqualTo(event);
    }

    @Test
    void anUnreachableJwksServerRejectsAndIsNotRetriedWithinTheInterval() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        keys = new CanvasJwks(URI.create("http://127.0.0.1:" + closedPort + "/main/jwks"), REFETCH_INTERVAL, clock, http);
        String token = rs256("2024-11", event, current.getPrivate());

        assertRejected(token, "JWKS fetch");
        assertRejected(token, "last JWKS fetch");
    }

    @Test
    void anOversizedJwksIsRefused() throws Exception {
        Map<String, Object> jwks = new LinkedHashMap<>();
        jwks.put("keys", List.of(jwk("2024-11", current)));
        jwks.put("padding", "x".repeat(CanvasJwks.MAX_BODY_BYTES));
        jwksBody = JSON.writeValueAsBytes(jwks);

        assertRejected(rs256("2024-11", event, current.getPrivate()), "larger than");
    }

    @Test
    void aJwksThatIsNotJsonOrHasNoUsableKeyIsRefused() {
        jwksBody = "<html>gateway</html>".getBytes(StandardCharsets.UTF_8);
        assertRejected(rs256("2024-11", event, current.getPrivate()), "not JSON");

        clock.advance(REFETCH_INTERVAL);
        jwksBody = "{\"keys\":[]}".getBytes(StandardCharsets.UTF_8);
        assertRejected(rs256("2024-11", event, current.getPrivate()), "no usable");
    }

    @Test
    void onlyRsaSigningKeysForRs256AreTaken() {
        Map<String, Object> encryption = jwk("enc", unpublished);
        encryption.put("use", "enc");
        Map<String, Object> otherAlg = jwk("rs512", unpublished);
        otherAlg.put("alg", "RS512");
        Map<String, Object> notRsa = jwk("ec", unpublished);
        notRsa.put("kty", "EC");
        Map<String, Object> bare = jwk("bare", next);
        bare.remove("use");
        bare.remove("alg");
        publish(encryption, otherAlg, notRsa, bare);

        for (String kid : List.of("enc", "rs512", "ec")) {
            assertRejected(rs256(kid, event, unpublished.getPrivate()), "no Canvas key");
        }
        assertThat(verify(rs256("bare", event, next.getPrivate()))).isEqualTo(event);
    }

    @Test
    void malformedTokensAreRejected() {
        String good = rs256("2024-11", event, current.getPrivate());
        String[] parts = good.split("\\.");
        for (String token : new String[] {"", "   ", "abc", "a.b", good + ".extra", "!!!." + parts[1] + "." + parts[2],
                b64("not json") + "." + parts[1] + "." + parts[2], b64("[1,2]") + "." + parts[1] + "." + parts[2],
                parts[0] + "." + parts[1] + ".***", parts[0] + "." + parts[1] + "."}) {
            assertThatThrownBy(() -> verify(token)).as(token).isInstanceOf(SignatureRejected.class);
        }
        assertThatThrownBy(() -> verify(null)).isInstanceOf(SignatureRejected.class);
    }

    @Test
    void aHeaderWithoutKidOrWithCriticalExtensionsIsRejected() throws Exception {
        String payload = b64(event);
        String noKid = b64("{\"alg\":\"RS256\"}") + "." + payload;
        assertRejected(noKid + "." + b64(rsaSign(noKid, current.getPrivate())), "kid");

        String crit = b64("{\"alg\":\"RS256\",\"kid\":\"2024-11\",\"crit\":[\"b64\"],\"b64\":false}") + "." + payload;
        assertRejected(crit + "." + b64(rsaSign(crit, current.getPrivate())), "crit");
    }

    @Test
    void aPayloadThatIsNotAJsonObjectIsRejectedEvenWhenSigned() {
        assertRejected(rs256("2024-11", "\"just a string\"".getBytes(StandardCharsets.UTF_8), current.getPrivate()),
                "not a JSON object");
    }

    @Test
    void looksLikeJwsTellsATokenFromPlainJson() {
        String token = rs256("2024-11", event, current.getPrivate());

        assertThat(LiveEventJwt.looksLikeJws(token.getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(LiveEventJwt.looksLikeJws((" \r\n" + token + "\n").getBytes(StandardCharsets.US_ASCII))).isTrue();
        assertThat(LiveEventJwt.looksLikeJws("eyJh.eyJi==.c2ln".getBytes(StandardCharsets.US_ASCII))).isTrue();

        assertThat(LiveEventJwt.looksLikeJws(event)).isFalse();
        assertThat(LiveEventJwt.looksLikeJws("  {\"a\":\"b.c.d\"}".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(LiveEventJwt.looksLikeJws("a.b".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(LiveEventJwt.looksLikeJws("a.b.c.d".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(LiveEventJwt.looksLikeJws("a.b+c.d".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(LiveEventJwt.looksLikeJws("a.b c.d".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(LiveEventJwt.looksLikeJws("   ".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(LiveEventJwt.looksLikeJws(new byte[0])).isFalse();
        assertThat(LiveEventJwt.looksLikeJws(null)).isFalse();
    }

    private byte[] verify(String token) {
        return LiveEventJwt.verify(token, keys, clock.instant());
    }

    private void assertRejected(String token, String reason) {
        assertThatThrownBy(() -> verify(token))
                .isInstanceOf(SignatureRejected.class)
                .hasMessageContaining(reason);
    }

    private CanvasJwks newJwks() {
        URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/main/jwks");
        return new CanvasJwks(url, REFETCH_INTERVAL, clock, http);
    }

    @SafeVarargs
    private void publish(Map<String, Object>... jwks) {
        try {
            jwksBody = JSON.writeValueAsBytes(Map.of("keys", Arrays.asList(jwks)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> jwk(String kid, KeyPair pair) {
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "RSA");
        jwk.put("use", "sig");
        jwk.put("alg", "RS256");
        jwk.put("kid", kid);
        jwk.put("n", b64(unsigned(key.getModulus())));
        jwk.put("e", b64(unsigned(key.getPublicExponent())));
        return jwk;
    }

    private static byte[] withClaim(String claim, long value) {
        try {
            ObjectNode claims = (ObjectNode) JSON.readTree(event);
            claims.put(claim, value);
            return JSON.writeValueAsBytes(claims);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(String alg, String kid) {
        return "{\"alg\":\"" + alg + "\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}";
    }

    private static String rs256(String kid, byte[] payload, PrivateKey key) {
        String signingInput = b64(header("RS256", kid)) + "." + b64(payload);
        return signingInput + "." + b64(rsaSign(signingInput, key));
    }

    private static byte[] rsaSign(String signingInput, PrivateKey key) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return rsa.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(String text) {
        return b64(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Big-endian magnitude without the sign byte, as JWK "n" and "e" want it. */
    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}
