package io.certbridge.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * certbridge.api.*: the limits of the public API, and how often routes/api-housekeeping runs.
 *
 * @param rateLimitPerMinute       requests per API key per minute
 * @param publicRateLimitPerMinute requests per client address per minute to the paths that need no API key
 * @param maxBodyBytes             larger request bodies are refused with 413
 * @param maxBatchBodyBytes        the same for POST /v1/certificates/batch
 * @param maxWebhookBodyBytes      the same for the LMS webhooks at /hooks/… (an event travels as one Kafka message)
 * @param maxDocumentBodyBytes     the same for a file with its form: uploads to the vault, files checked against a
 *                                 certificate's original
 * @param maxBatchRecipients       recipients in one batch
 * @param idempotencyRetention     how long the first response to an Idempotency-Key is replayed
 * @param purgeIntervalMs          how often expired idempotency keys and ended rate-limit windows are dropped
 * @param rateLimitShareIntervalMs how often each instance adds its count of requests per API key to the shared one:
 *                                 instances together may overshoot a limit by what the others admit in between
 * @param trustedProxies           the reverse proxies (CIDRs) whose X-Forwarded-For or Forwarded header tells the
 *                                 client's address (see {@link ClientAddress}); none by default
 */
@Validated
@ConfigurationProperties("certbridge.api")
public record ApiSettings(@Positive int rateLimitPerMinute, @Positive int publicRateLimitPerMinute,
                          @Positive long maxBodyBytes, @Positive long maxBatchBodyBytes,
                          @Positive long maxWebhookBodyBytes, @Positive long maxDocumentBodyBytes,
                          @Positive int maxBatchRecipients,
                          @NotNull @DurationMin(seconds = 1) Duration idempotencyRetention,
                          @Positive long purgeIntervalMs, @Positive long rateLimitShareIntervalMs,
                          @DefaultValue List<String> trustedProxies) {
}
