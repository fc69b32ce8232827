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
 * five certificate endpoints, batches, rate limits, errors and webhooks as {@link TrueApi} and
 * {@link TrueAccount} describe them, plus public verification pages at {@code <base>/verify/<id>}.
 *
 * <p>Assumed where the document is silent (nothing further was found in TRUE's public pages):
 * <ul>
 * <li>Revocation is {@code POST /v1/certificates/{id}/revoke} with an optional {@code {"reason":…}}; a second
 *     revocation, or a status change of a revoked certificate, is 400 {@code certificate_revoked}.</li>
 * <li>Status changes are {@code PATCH /v1/certificates/{id}} with {@code {"status":"suspended"|"issued"}}.</li>
 * <li>Lists: see {@link CertificateQuery}; {@code fields[credential_id]=…} finds what was issued for a reference
 *     the client put in the template fields. Oldest first; {@code next_cursor} pages on.</li>
 * <li>A batch answers 202 with the job ({@link BatchJob#toJson()}), is validated per recipient while being
 *     processed, and spreads its issuances evenly over the processing time (default 2 s); its certificates
 *     appear in lists as they are issued. Over the plan's batch size it is 400 {@code batch_size_exceeded}.</li>
 * <li>Unknown or inactive templates are 400 {@code invalid_template} (the document lists it with 400 errors).</li>
 * <li>Rate limit: a fixed window of a minute per API key, opened by its first request; refused requests use up
 *     nothing. {@code X-RateLimit-Reset} is the Unix time in seconds when the window ends (as GitHub's); 429s
 *     also carry {@code Retry-After} in seconds. The headers come on every authenticated {@code /v1} answer;
 *     a 401 has none (no key to count against).</li>
 * <li>Webhooks are signed with {@code X-True-Signature}: lower-case hex HMAC-SHA256 of the raw body with the
 *     endpoint's secret; they also carry {@code X-True-Event} and {@code X-True-Delivery}, and are retried on
 *     non-2xx. An endpoint URL may carry its own secret as a query parameter; it is posted to as given.</li>
 * <li>Opening a verification page counts as a view and sends {@code certificate.viewed}.</li>
 * </ul>
 *
 * <p>{@link #reset()} forgets certificates, batches, e-mails, counts, faults and the outage, but keeps keys,
 * plan, templates and webhook endpoints. To run it on its own, see {@link TrueEmulatorMain}.
 */
public final class TrueEmulator extends EmulatorServer {

    /** The template of the document's example; it requires the field {@code course_name}. */
    public static final String DEFAULT_TEMPLATE = "tmpl_abc123";
    public static final Duration RATE_LIMIT_WINDOW = Duration.ofMinutes(1);

    /** A subscription plan's limits (the document's table); Enterprise limits are custom. */
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
        limiter = new RateLimiter(plan.requestsPerMinute(), RATE_LIMIT_WINDOW);
        account = new TrueAccount(plan.maxBatchSize());
        account.template(DEFAULT_TEMPLATE, true, List.of("course_name"));
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

    /** Another key of the account; each key has its own rate-limit window. */
    public synchronized void addApiKey(String apiKey) {
        apiKeys.add(apiKey);
    }

    /** Switches plan: its request limit per minute and its batch size. Open windows start afresh. */
    public synchronized void plan(Plan plan) {
        rateLimit(plan.requestsPerMinute(), RATE_LIMIT_WINDOW);
        account.maxBatchSize(plan.maxBatchSize());
    }

    /** A custom limit: {@code requests} per {@code window} per key (a short window makes tests fast). */
    public synchronized void rateLimit(int requests, Duration window) {
        limiter.configure(requests, window);
    }

    public void maxBatchSize(int recipients) {
        account.maxBatchSize(recipients);
    }

    /** An active template requiring these fields (an existing one is replaced). */
    public void addTemplate(String templateId, String... requiredFields) {
        account.template(templateId, true, List.of(requiredFields));
    }

    /** The template exists but issuing with it is 400 {@code invalid_template}. */
    public void deactivateTemplate(String templateId) {
        account.templateActive(templateId, false);
    }

    /** How long a batch takes from acceptance to its last certificate (default 2 s). */
    public void processingTime(Duration time) {
        account.processingTime(time);
    }

    /** Issuing to this address fails with 400 {@code recipient_rejected} (a bounced or unsubscribed address). */
    public void rejectRecipient(String email) {
        account.rejectEmail(email);
    }

    // ---- webhooks ----

    /** From now on every event goes to this URL only, signed with the secret ({@code null}: unsigned). */
    public void sendWebhooksTo(String url, String secret) {
        account.webhooks.replaceEndpoints(List.of(new WebhookSender.Endpoint(url, secret, Set.of())));
    }

    /** One more endpoint, for these events only (none given: every event). */
    public void addWebhookEndpoint(String url, String secret, String... events) {
        account.webhooks.addEndpoint(new WebhookSender.Endpoint(url, secret, Set.of(events)));
    }

    /** Attempts per delivery in all (default 5) and the first retry delay, doubling (default 1 s). */
    public void webhookRetries(int maxAttempts, Duration firstDelay) {
        account.webhooks.retries(maxAttempts, firstDelay);
    }

    /** Every delivery attempt so far, in the order they were answered. */
    public List<WebhookAttempt> webhookAttempts() {
        return account.webhooks.attempts();
    }

    // ---- faults ----

    /** While on, every request (API and verification pages) is answered 503 {@code service_unavailable}. */
    public synchronized void outage(boolean on) {
        outage = on;
    }

    /** The next {@code count} API requests are answered 500 {@code server_error} in TRUE's error shape. */
    public void failNextWithServerError(int count) {
        injectFaults("/v1/", count, TrueJson.errorResponse(500, "server_error", "An unexpected error occurred"));
    }

    // ---- recipients and third parties ----

    /** Someone opened the certificate: a view, and {@code certificate.viewed}. */
    public void simulateView(String certificateId, String viewerLocation, String referrer) {
        account.view(certificateId, viewerLocation, referrer);
    }

    /** The recipient shared it ({@code linkedin}, {@code embed}, …): {@code certificate.shared}. */
    public void simulateShare(String certificateId, String channel) {
        account.share(certificateId, channel);
    }

    /** Someone verified it through the QR code or the portal: {@code certificate.verified}. */
    public void simulateVerification(String certificateId) {
        account.verify(certificateId, "qr");
    }

    // ---- what clients did ----

    /** Every certificate issued, oldest first. */
    public List<Certificate> certificates() {
        return account.certificates();
    }

    public Certificate certificate(String id) {
        return account.certificates().stream().filter(c -> c.id.equals(id)).findFirst().orElse(null);
    }

    public List<SentEmail> emailsSent() {
        return account.emails();
    }

    /** How many certificates each recipient got per template, keyed {@code "<email lower-case> <template_id>"}. */
    public Map<String, Long> issuancesPerRecipient() {
        return countBy(c -> c.recipientEmail.toLowerCase(Locale.ROOT) + " " + c.templateId);
    }

    /** How many certificates carry each value of a template field (e.g. the client's reference). */
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
            return TrueJson.errorResponse(503, "service_unavailable", "TRUE is temporarily unavailable");
        }
        if (request.path().startsWith(VerificationPages.PREFIX)) {
            return pages.handle(request);
        }
        if (!request.path().startsWith("/v1/")) {
            return TrueJson.errorResponse(404, "not_found", "No such endpoint: " + request.path());
        }
        String key = bearerKey(request);
        if (key == null || !apiKeys.contains(key)) {
            return TrueJson.errorResponse(401, "invalid_api_key", key == null
                    ? "No API key provided: use Authorization: Bearer YOUR_API_KEY" : "Invalid API key provided");
        }
        RateLimiter.Decision decision = limiter.take(key, Instant.now());
        if (!decision.allowed()) {
            return decision.withHeaders(TrueJson.errorResponse(429, "rate_limit_exceeded",
                    "Rate limit of " + decision.limit() + " requests per window exceeded"));
        }
        Response answer;
        try {
            answer = api.handle(request);
        } catch (ApiError refused) {
            answer = refused.toResponse();
        }
        return decision.withHeaders(answer);
    }

    private static String bearerKey(RecordedRequest request) {
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).strip();
    }

    private Map<String, Long> countBy(Function<Certificate, String> key) {
        return account.certificates().stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }
}
