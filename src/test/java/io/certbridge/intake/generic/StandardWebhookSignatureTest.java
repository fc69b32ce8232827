package io.certbridge.intake.generic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.certbridge.intake.SignatureRejected;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardWebhookSignatureTest {

    // The published vector: standard-webhooks/standard-webhooks,
    // libraries/java/src/test/java/com/standardwebhooks/WebhookTest.java, verifyWebhookSignWorks.
    static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    static final long VECTOR_TIMESTAMP = 1614265330L;
    static final byte[] VECTOR_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    static final Instant NOW = Instant.ofEpochSecond(1_750_000_000L);
    static final byte[] BODY = "{\"type\":\"course.completed\",\"data\":{\"user\":\"ada\"}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void thePublishedTestVectorVerifies() {
        assertThatCode(() -> StandardWebhookSignature.verify(List.of(VECTOR_SECRET), VECTOR_ID,
                Long.toString(VECTOR_TIMESTAMP), VECTOR_SIGNATURE, VECTOR_BODY, Instant.ofEpochSecond(VECTOR_TIMESTAMP)))
                .doesNotThrowAnyException();
    }

    @Test
    void theTestSenderReproducesThePublishedVector() {
        assertThat(StandardWebhooksSender.sign(VECTOR_SECRET, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_BODY))
                .isEqualTo(VECTOR_SIGNATURE);
    }

    @Test
    void aBareBase64SecretWorksLikeThePrefixedOne() {
        assertThatCode(() -> StandardWebhookSignature.verify(List.of(VECTOR_SECRET.substring("whsec_".length())),
                VECTOR_ID, Long.toString(VECTOR_TIMESTAMP), VECTOR_SIGNATURE, VECTOR_BODY,
                Instant.ofEpochSecond(VECTOR_TIMESTAMP)))
                .doesNotThrowAnyException();
    }

    @Test
    void theVectorFailsWithAnotherSecret() {
        assertRejected(List.of(StandardWebhooksSender.newSecret()), VECTOR_ID, Long.toString(VECTOR_TIMESTAMP),
                VECTOR_SIGNATURE, VECTOR_BODY, Instant.ofEpochSecond(VECTOR_TIMESTAMP), "matches");
    }

    @Test
    void anyOfSeveralConfiguredSecretsMayHaveSigned() {
        String oldSecret = StandardWebhooksSender.newSecret();
        String newSecret = StandardWebhooksSender.newSecret();
        Map<String, String> signedWithOld = StandardWebhooksSender.headers(oldSecret, "msg_1", NOW.getEpochSecond(), BODY);
        Map<String, String> signedWithNew = StandardWebhooksSender.headers(newSecret, "msg_1", NOW.getEpochSecond(), BODY);

        assertThatCode(() -> verify(List.of(newSecret, oldSecret), signedWithOld, BODY, NOW)).doesNotThrowAnyException();
        assertThatCode(() -> verify(List.of(newSecret, oldSecret), signedWithNew, BODY, NOW)).doesNotThrowAnyException();
        assertThatThrownBy(() -> verify(List.of(newSecret), signedWithOld, BODY, NOW))
                .isInstanceOf(SignatureRejected.class);
    }

    @Test
    void anyOfSeveralSignaturesInTheHeaderMayMatch() {
        String secret = StandardWebhooksSender.newSecret();
        String otherSecret = StandardWebhooksSender.newSecret();
        long ts = NOW.getEpochSecond();
        String header = String.join(" ",
                StandardWebhooksSender.sign(otherSecret, "msg_2", ts, BODY),
                "v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
                StandardWebhooksSender.sign(secret, "msg_2", ts, BODY),
                "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=");

        assertThatCode(() -> StandardWebhookSignature.verify(List.of(secret), "msg_2", Long.toString(ts), header, BODY, NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void theTimestampMayBeUpToFiveMinutesOffEitherWay() {
        String secret = StandardWebhooksSender.newSecret();
        for (long offset : new long[] {-300, -1, 0, 1, 300}) {
            long ts = NOW.getEpochSecond() + offset;
            assertThatCode(() -> verify(List.of(secret), StandardWebhooksSender.headers(secret, "msg_3", ts, BODY), BODY, NOW))
                    .as("offset %d s", offset)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void aTimestampMoreThanFiveMinutesOldIsRejected() {
        String secret = StandardWebhooksSender.newSecret();
        Map<String, String> headers = StandardWebhooksSender.headers(secret, "msg_4", NOW.getEpochSecond() - 301, BODY);

        assertThatThrownBy(() -> verify(List.of(secret), headers, BODY, NOW))
                .isInstanceOf(SignatureRejected.class).hasMessageContaining("too old");
    }

    @Test
    void aTimestampMoreThanFiveMinutesAheadIsRejected() {
        String secret = StandardWebhooksSender.newSecret();
        Map<String, String> headers = StandardWebhooksSender.headers(secret, "msg_5", NOW.getEpochSecond() + 301, BODY);

        assertThatThrownBy(() -> verify(List.of(secret), headers, BODY, NOW))
                .isInstanceOf(SignatureRejected.class).hasMessageContaining("too new");
    }

    @Test
    void aTimestampThatIsNotAnIntegerIsRejected() {
        String secret = StandardWebhooksSender.newSecret();
        for (String ts : new String[] {"1750000000.5", "abc", "+1750000000", "-1", "17500000000000000000000", " 1750000000"}) {
            assertRejected(List.of(secret), "msg_6", ts, StandardWebhooksSender.sign(secret, "msg_6", NOW.getEpochSecond(), BODY),
                    BODY, NOW, "not an integer");
        }
    }

    @Test
    void aTamperedBodyIsRejected() {
        String secret = StandardWebhooksSender.newSecret();
        Map<String, String> headers = StandardWebhooksSender.headers(secret, "msg_7", NOW.getEpochSecond(), BODY);
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("ada", "eve").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> verify(List.of(secret), headers, tampered, NOW))
                .isInstanceOf(SignatureRejected.class).hasMessageContaining("matches");
    }

    @Test
    void aSignatureCannotBeMovedToAnotherIdOrTimestamp() {
        String secret = StandardWebhooksSender.newSecret();
        String signature = StandardWebhooksSender.sign(secret, "msg_8", NOW.getEpochSecond(), BODY);

        assertRejected(List.of(secret), "msg_9", Long.toString(NOW.getEpochSecond()), signature, BODY, NOW, "matches");
        assertRejected(List.of(secret), "msg_8", Long.toString(NOW.getEpochSecond() + 1), signature, BODY, NOW, "matches");
    }

    @Test
    void missingOrBlankHeadersAreRejected() {
        String secret = StandardWebhooksSender.newSecret();
        String ts = Long.toString(NOW.getEpochSecond());
        String signature = StandardWebhooksSender.sign(secret, "msg_10", NOW.getEpochSecond(), BODY);

        assertRejected(List.of(secret), null, ts, signature, BODY, NOW, "webhook-id");
        assertRejected(List.of(secret), " ", ts, signature, BODY, NOW, "webhook-id");
        assertRejected(List.of(secret), "msg_10", null, signature, BODY, NOW, "webhook-timestamp");
        assertRejected(List.of(secret), "msg_10", "", signature, BODY, NOW, "webhook-timestamp");
        assertRejected(List.of(secret), "msg_10", ts, null, BODY, NOW, "webhook-signature");
        assertRejected(List.of(secret), "msg_10", ts, "  ", BODY, NOW, "webhook-signature");
    }

    @Test
    void noConfiguredSecretRejectsEverything() {
        Map<String, String> headers = StandardWebhooksSender.headers(VECTOR_SECRET, "msg_11", NOW.getEpochSecond(), BODY);

        assertThatThrownBy(() -> verify(List.of(), headers, BODY, NOW))
                .isInstanceOf(SignatureRejected.class).hasMessageContaining("no webhook secret");
    }

    @Test
    void v1aAndOtherVersionsAreIgnored() {
        String secret = StandardWebhooksSender.newSecret();
        long ts = NOW.getEpochSecond();
        String v1 = StandardWebhooksSender.sign(secret, "msg_12", ts, BODY);
        String sameBytesAsV1a = "v1a," + v1.substring(3);

        assertRejected(List.of(secret), "msg_12", Long.toString(ts), sameBytesAsV1a, BODY, NOW, "no v1 signature");
        assertThatCode(() -> StandardWebhookSignature.verify(List.of(secret), "msg_12", Long.toString(ts),
                sameBytesAsV1a + " " + v1, BODY, NOW)).doesNotThrowAnyException();
    }

    @Test
    void garbageSignaturesAreRejectedNotThrownAsSomethingElse() {
        String secret = StandardWebhooksSender.newSecret();
        String ts = Long.toString(NOW.getEpochSecond());
        for (String header : new String[] {"v1,%%%not-base64%%%", "v1,", "v1", "garbage", ",,,", "v1,g0hM9SsE+OTPJTGt",
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=,extra", "v1,YQ==", "v1 ,abc"}) {
            assertThatThrownBy(() -> StandardWebhookSignature.verify(List.of(secret), "msg_13", ts, header, BODY, NOW))
                    .as(header)
                    .isInstanceOf(SignatureRejected.class);
        }
    }

    @Test
    void anIdWithADotIsRejected() {
        String secret = StandardWebhooksSender.newSecret();
        Map<String, String> headers = StandardWebhooksSender.headers(secret, "msg.14", NOW.getEpochSecond(), BODY);

        assertThatThrownBy(() -> verify(List.of(secret), headers, BODY, NOW))
                .isInstanceOf(SignatureRejected.class).hasMessageContaining("'.'");
    }

    @Test
    void theRawBodyBytesAreSignedNotAReEncodedString() {
        String secret = StandardWebhooksSender.newSecret();
        byte[] latin1 = "{\"name\":\"Jos\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        Map<String, String> headers = StandardWebhooksSender.headers(secret, "msg_15", NOW.getEpochSecond(), latin1);

        assertThatCode(() -> verify(List.of(secret), headers, latin1, NOW)).doesNotThrowAnyException();
        assertThatThrownBy(() -> verify(List.of(secret), headers,
                new String(latin1, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8), NOW))
                .isInstanceOf(SignatureRejected.class);
    }

    @Test
    void aSecretThatIsNotBase64IsAConfigurationErrorThatDoesNotEchoTheSecret() {
        Map<String, String> headers = StandardWebhooksSender.headers(VECTOR_SECRET, "msg_16", NOW.getEpochSecond(), BODY);

        assertThatThrownBy(() -> verify(List.of(VECTOR_SECRET, "whsec_not*base64!"), headers, BODY, NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("#2")
                .hasMessageNotContaining("not*base64");
    }

    @Test
    void rejectionMessagesNeverContainTheSecret() {
        String secret = StandardWebhooksSender.newSecret();
        String bare = secret.substring("whsec_".length());
        Map<String, String> headers = StandardWebhooksSender.headers(StandardWebhooksSender.newSecret(), "msg_17",
                NOW.getEpochSecond(), BODY);

        assertThatThrownBy(() -> verify(List.of(secret), headers, BODY, NOW))
                .isInstanceOf(SignatureRejected.class)
                .hasMessageNotContaining(bare);
    }

    private static void verify(List<String> secrets, Map<String, String> headers, byte[] body, Instant now) {
        StandardWebhookSignature.verify(secrets, headers.get("webhook-id"), headers.get("webhook-timestamp"),
                headers.get("webhook-signature"), body, now);
    }

    private static void assertRejected(List<String> secrets, String id, String ts, String signature, byte[] body,
            Instant now, String reason) {
        assertThatThrownBy(() -> StandardWebhookSignature.verify(secrets, id, ts, signature, body, now))
                .as("id=%s ts=%s signature=%s", id, ts, signature)
                .isInstanceOf(SignatureRejected.class)
                .hasMessageContaining(reason);
    }
}
