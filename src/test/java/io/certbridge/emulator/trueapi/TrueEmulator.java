package io.certbridge.emulator.trueapi;

import io.certbridge.emulator.EmulatorServer;
import io.certbridge.emulator.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A local TRUE account (trueoriginal.com Certificate API, document of 2026-03-23) on a loopback port: the
 * certificate endpoints and batches ({@link TrueApi}), per-key rate limits ({@link RateLimiter}), signed
 * webhooks ({@link WebhookSender}) and public verification pages ({@link VerificationPages}).
 *
 * <p>Assumed where the document is silent (TRUE's public pages say no more):
 * <ul>
 * <li>Revocation is {@code POST /v1/certificates/{id}/revoke} with an optional {@code {"reason":…}}; revoking
 *     again, or changing a revoked certificate's status, is 400 {@code certificate_revoked}.</li>
 * <li>Status changes are {@code PATCH /v1/certificates/{id}} with {@code {"status":"suspended"|"issued"}}.</li>
 * <li>Lists filter as {@link CertificateQuery} says; {@code fields[credential_id]=…} finds what was issued for a
 *     reference the client put in the template fields. Oldest first; {@code next_cursor} pages on.</li>
 * <li>A batch answers 202 with the job ({@link BatchJob#toJson()}), validates each recipient while processing,
 *     and spreads its issuances over the processing time (default 2 s); its certificates appear in lists as
 *     they are issued. Over the plan's batch size it is 400 {@code batch_size_exceeded}.</li>
 * <li>An unknown or inactive template is 400 {@code invalid_template} (the document lists it among 400s).</li>
 * <li>Rate limit: a fixed one-minute window per API key, opened by its first request; refused requests use up
 *     nothing. {@code X-RateLimit-Reset} is the Unix time in seconds when the window ends (as GitHub's); a 429
 *     also has {@code Retry-After} in seconds. Every authenticated {@code /v1} answer has the headers; a 401
 *     has none.</li>
 * <li>Webhooks are signed with {@code X-True-Signature}, the lower-case hex HMAC-SHA256 of the raw body, and
 *     carry {@code X-True-Event} and {@code X-True-Delivery}; non-2xx is retried. The endpoint URL may carry a
 *     secret as a query parameter instead; it is posted to as given.</li>
 * <li>Opening a verification page counts as a view and sends {@code certificate.viewed}.</li>
 * </ul>
 *
 * <p>{@link #reset()} forgets certificates, batches, e-mails, counts, faults and the outage, and keeps keys,
 * plan, templates and the webhook endpoint. To run it on its own, see {@link TrueEmulatorMain}.
 */
public final class TrueEmulator extends EmulatorServer {

    /** The template of the document's example; it requires the field {@code course_name}. */
    public static final String DEFAULT_TEMPLATE = "tmpl_abc123";

    /** A plan's limits, from the document's table (Enterprise: custom, e.g. {@code new Plan(1000, 2000)}). */
    public record Plan(int requestsPerMinute, int maxBatchSize) {
        public static final Plan STANDARD = new Plan(60, 100);
        public static final Plan PROFESSIONAL = new Plan(300, 500);
    }

    private final Set<String> apiKeys = new HashSet<>();
    private final RateLimiter limiter;
    private final TrueAccount account;
    private final TrueApi api;
    private final VerificationPages pages;
    private boolean outage;

    public TrueEmulator(String apiKey) {
        this(apiKey, Plan.STANDARD);
    }

    public TrueEmulator(String apiKey, Plan plan) {
        apiKeys.add(apiKey);
        limiter = new RateLimiter(plan.requestsPerMinute(), Duration.ofMinutes(1));
        account = new TrueAccount(plan.maxBatchSize());
        account.templates.activate(DEFAULT_TEMPLATE, List.of("course_name"));
        api = new TrueApi(account);
        pages = new VerificationPages(account);
    }

    @Override
    public TrueEmulator start() {
        super.start();
        account.verificationBase(baseUrl());
        return this;
    }

    @Override
    public void close() {
        super.close();
        account.close();
    }

    // ---- account settings ----

    /** Another key of the account, with its own rate-limit window. */
    public synchronized void addApiKey(String apiKey) {
        apiKeys.add(apiKey);
    }

    /** Switches plan (request limit per minute and batch size); open windows start afresh. */
    public synchronized void plan(Plan plan) {
        limiter.configure(plan.requestsPerMinute(), Duration.ofMinutes(1));
        account.maxBatchSize(plan.maxBatchSize());
    }

    /** A custom limit of {@code requests} per {@code window} and key (a short window makes tests fast). */
    public synchronized void rateLimit(int requests, Duration window) {
        limiter.configure(requests, window);
    }

    /** An active template requiring these fields (replacing one of the same id). */
    public void addTemplate(String templateId, String... requiredFields) {
        account.templates.activate(templateId, List.of(requiredFields));
    }

    /** Issuing with the template becomes 400 {@code invalid_template}. */
    public void deactivateTemplate(String templateId) {
        account.templates.deactivate(templateId);
    }

    /** How long a batch takes from acceptance to its last certificate (default 2 s). */
    public void processingTime(Duration time) {
        account.processingTime(time);
    }

    // ---- webhooks ----

    /** Every event goes to this URL (null: nowhere), signed with the secret (null: unsigned). */
    public void sendWebhooksTo(String url, String secret) {
        account.webhooks.endpoint(url, secret);
    }

    /** Attempts per delivery in all (default 5) and the first retry delay, doubling (default 1 s). */
    public void webhookRetries(int maxAttempts, Duration firstDelay) {
        account.webhooks.retries(maxAttempts, firstDelay);
    }

    /** Every delivery attempt answered so far, in that order. */
    public List<WebhookAttempt> webhookAttempts() {
        return account.webhooks.attempts();
    }

    // ---- faults (and failNext, delayResponses from the base) ----

    /** While on, every request (API and verification pages) is answered 503 {@code service_unavailable}. */
    public synchronized void outage(boolean on) {
        outage = on;
    }

    /** The next {@code count} API requests are answered 500 {@code server_error} in TRUE's error shape. */
    public void failNextWithServerError(int count) {
        injectFaults("/v1/", count, TrueJson.error(500, "server_error", "An unexpected error occurred"));
    }

    // ---- recipients and third parties ----

    /** Someone opened the certificate: a view, and {@code certificate.viewed}. */
    public void simulateView(String certificateId, String viewerLocation, String referrer) {
        account.view(certificateId, viewerLocation, referrer);
    }

    /** The recipient shared it ({@code linkedin}, {@code embed}): a share, and {@code certificate.shared}. */
    public void simulateShare(String certificateId, String channel) {
        account.share(certificateId, channel);
    }

    /** Someone verified it by QR code: a verification, and {@code certificate.verified}. */
    public void simulateVerification(String certificateId) {
        account.verify(certificateId);
    }

    // ---- what clients did ----

    /** Every certificate issued, oldest first. */
    public List<Certificate> certificates() {
        return account.certificates();
    }

    /** The e-mails TRUE sent recipients, one per certificate issued. */
    public List<SentEmail> emailsSent() {
        return account.emails();
    }

    /** Certificates per recipient and template, keyed {@code "<email in lower case> <template_id>"}. */
    public Map<String, Long> issuancesPerRecipient() {
        return countBy(c -> c.recipientEmail.toLowerCase(Locale.ROOT) + " " + c.templateId);
    }

    /** Certificates per value of a template field, such as the client's reference ({@code <none>} when absent). */
    public Map<String, Long> issuancesPerField(String field) {
        return countBy(c -> Objects.requireNonNullElse(c.field(field), "<none>"));
    }

    /** How many requests were answered 429. */
    public synchronized int rateLimitedCount() {
        return limiter.refused();
    }

    // ---- serving ----

    @Override
    protected void onReset() {
        limiter.clear();
        account.clear();
        outage = false;
    }

    @Override
    protected Response handle(RecordedRequest request) {
        if (outage) {
            return TrueJson.error(503, "service_unavailable", "TRUE is temporarily unavailable");
        }
        if (request.path().startsWith(VerificationPages.PREFIX)) {
            return pages.handle(request);
        }
        String authorization = Objects.requireNonNullElse(request.header("Authorization"), "");
        String key = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).strip() : "";
        if (!apiKeys.contains(key)) {
            return TrueJson.error(401, "invalid_api_key", "Missing or invalid API key");
        }
        RateLimiter.Decision decision = limiter.take(key, Instant.now());
        return decision.withHeaders(decision.allowed() ? api.handle(request) : TrueJson.error(429,
                "rate_limit_exceeded", "Rate limit of " + decision.limit() + " requests exceeded"));
    }

    private Map<String, Long> countBy(Function<Certificate, String> key) {
        return account.certificates().stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }
}
