package io.certbridge.emulator.swanshare;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.certbridge.emulator.EmulatorServer;
import io.certbridge.emulator.RecordedRequest;
import io.certbridge.emulator.swanshare.Credential.IssuanceKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SwanShare organisation behind its Developer API ({@code https://www.swanshare.site/api-docs}): issue credentials
 * one at a time or in a batch, fetch one with its verification result, the public verification page, and signed
 * webhooks. The API lives under {@link #apiBaseUrl()} ({@code {baseUrl}/api}); {@code verify_url}s point at this
 * emulator's {@code /verify?id=…}.
 *
 * <p>Documented and emulated: Bearer API keys (401 {@code {"error":"Missing or invalid API key"}}); {@code POST
 * /v1/credentials} with one credential or {@code items}, answered 201 {@code {ok, count, credentials[{verify_id,
 * verify_url}]}} in the order sent; 400 {@code "Each credential needs recipient_name and title"}; 402 with
 * {@code "limit": true} at the monthly plan limit; 120 requests / minute per API key; {@code GET
 * /v1/credentials/{verify_id}} with {@code valid, status, checks, credential, issuer}; webhooks
 * {@code credential.issued} and {@code document.signed} signed {@code sha256=<hex HMAC-SHA256 of the raw body>}.
 *
 * <p>Assumed where the document is silent:
 * <ul>
 * <li>There is no list or search of credentials, no revocation, update or delete by API (revocation is a dashboard
 *     action: {@link #revoke}); a hub cannot forward a revocation, and adopts what a crashed call created from the
 *     {@code credential.issued} webhook (one per request, listing its credentials) and {@code GET}, whose
 *     {@code credential.fields} are returned as sent.</li>
 * <li>A batch holds at most {@value #MAX_BATCH} items (400 beyond, or for an empty {@code items}); a request
 *     is all or nothing: one invalid item, or a batch that would pass the monthly quota, issues none.</li>
 * <li>The quota counts credentials, not requests (default {@value #DEFAULT_MONTHLY_QUOTA} a month).</li>
 * <li>The rate limit is a sliding window over every authenticated {@code /api} request (GET too); a refused request
 *     does not count. No rate-limit headers and no {@code Retry-After} are sent, none being documented; 429 has body
 *     {@code {"error":"Rate limit exceeded: …"}}.</li>
 * <li>Issuance is synchronous (credentials are valid at once). {@code status} is {@code valid}, {@code revoked}
 *     (wins) or {@code expired}; checks are named Signature, Hash, Ledger inclusion, Revocation and Expiry;
 *     {@code credential} also carries {@code verify_id}, {@code recipient_email}, {@code expires_at},
 *     {@code revoked_at} when set. An {@code expires_at} date lasts to its end (UTC); a past one is accepted.</li>
 * <li>Webhooks carry no event id; one not answered 2xx is retried (8 attempts, back-off from 1 s doubling to 30 s);
 *     the default delay before the first attempt is 2 s. {@code document.signed} has
 *     {@code data{document_id, title, signed_at}}.</li>
 * <li>Other errors: 400 for a body that is not a JSON object, a bad {@code expires_at} or {@code fields} (an
 *     e-mail is not checked); 404 {@code {"error":"Credential not found"}}; 405 for other methods; 503 in an
 *     outage.</li>
 * </ul>
 * To run it on its own, see {@link SwanShareEmulatorMain}.
 */
public final class SwanShareEmulator extends EmulatorServer {

    public static final int MAX_BATCH = 100;
    public static final int DEFAULT_MONTHLY_QUOTA = 100_000;
    /** The organisation, always shown as verified. */
    public static final String ISSUER_NAME = "Certbridge Test Academy";
    /** The {@code fields} entry that {@link #issuanceCounts()} reads the hub's certificate id from. */
    public static final String REFERENCE_FIELD = "certbridge_id";

    private static final String CREDENTIALS_PATH = "/api/v1/credentials";
    private static final Pattern ONE_CREDENTIAL = Pattern.compile(CREDENTIALS_PATH + "/([^/]+)");

    private final Set<String> apiKeys = new HashSet<>();
    private final CredentialStore store = new CredentialStore();
    private final SlidingWindowRateLimiter rateLimiter = new SlidingWindowRateLimiter(120, Duration.ofMinutes(1));
    private final WebhookSender webhooks = new WebhookSender();
    private int monthlyQuota = DEFAULT_MONTHLY_QUOTA;
    private int issuedThisMonth;
    private int rateLimitedAnswers;
    private boolean outage;

    /** An organisation whose API key is {@code apiKey} (real ones look like {@code swan_sk_…}). */
    public SwanShareEmulator(String apiKey) {
        apiKeys.add(apiKey);
    }

    @Override
    public SwanShareEmulator start() {
        super.start();
        return this;
    }

    /** Stops serving and drops webhooks not yet delivered. */
    @Override
    public void close() {
        super.close();
        webhooks.close();
    }

    /** The API's base URL, {@code {baseUrl}/api}: the hub's {@code base-url}. */
    public String apiBaseUrl() {
        return baseUrl() + "/api";
    }

    // ---- settings (kept by reset) ----

    /** Another key of the same organisation; each key has its own rate limit. */
    public synchronized void addApiKey(String apiKey) {
        apiKeys.add(apiKey);
    }

    /** At most {@code requests} per key in any {@code window}; SwanShare's is 120 a minute. */
    public synchronized void rateLimit(int requests, Duration window) {
        rateLimiter.configure(requests, window);
    }

    /** How many credentials the plan allows a month (default {@value #DEFAULT_MONTHLY_QUOTA}). */
    public synchronized void monthlyQuota(int credentials) {
        monthlyQuota = credentials;
    }

    /** Where webhooks go (the endpoint registered in Settings → API keys) and its signing secret; null url: none. */
    public void sendWebhooksTo(String url, String secret) {
        webhooks.sendTo(url, secret);
    }

    /** How long after the issuing request a webhook's first attempt is made (default 2 s). */
    public void webhookDelay(Duration delay) {
        webhooks.delay(delay);
    }

    /** Attempts per webhook copy until one is answered 2xx, and the first back-off (doubling, at most 30 s). */
    public void webhookRetries(int maxAttempts, Duration firstBackoff) {
        webhooks.retries(maxAttempts, firstBackoff);
    }

    // ---- faults (cleared by reset) ----

    /** Each webhook from now on is delivered as {@code copies} identical copies (each retried on its own). */
    public void duplicateWebhooks(int copies) {
        webhooks.copies(copies);
    }

    /** While on, every request is answered 503 {@code {"error":"Service temporarily unavailable"}}. */
    public synchronized void outage(boolean on) {
        outage = on;
    }

    // ---- what the dashboard does ----

    /** A new billing month: the plan's quota is whole again. */
    public synchronized void startNewMonth() {
        issuedThisMonth = 0;
    }

    /** Revokes the credential as the dashboard does (no webhook is sent); false when there is no such credential. */
    public synchronized boolean revoke(String verifyId) {
        return store.revoke(verifyId, Instant.now());
    }

    /** All recipients signed a document: sends {@code document.signed}. */
    public void signDocument(String documentId, String title) {
        webhooks.send("document.signed", JsonNodeFactory.instance.objectNode().put("document_id", documentId)
                .put("title", title).put("signed_at", Instant.now().toString()));
    }

    // ---- what tests assert on ----

    /** Every credential issued, in order. */
    public synchronized List<Credential> credentials() {
        return store.all();
    }

    /** {@code valid}, {@code revoked} or {@code expired} now; {@code null} when there is no such credential. */
    public synchronized String status(String verifyId) {
        Verification verification = find(verifyId);
        return verification == null ? null : verification.status();
    }

    /** Credentials issued per (e-mail or name, title, reference field); exactly once means every value is 1. */
    public synchronized Map<IssuanceKey, Integer> issuanceCounts() {
        return store.countsByKey(REFERENCE_FIELD);
    }

    /** How many credentials were issued to the recipient (e-mail, or name without one) with this title. */
    public synchronized int timesIssued(String recipient, String title) {
        return issuanceCounts().entrySet().stream()
                .filter(e -> e.getKey().recipient().equals(recipient) && e.getKey().title().equals(title))
                .mapToInt(Map.Entry::getValue).sum();
    }

    /** The keys issued more than once. */
    public synchronized List<IssuanceKey> duplicates() {
        return issuanceCounts().entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    }

    /** How many requests were answered 429. */
    public synchronized int rateLimitedCount() {
        return rateLimitedAnswers;
    }

    /** Every webhook delivery attempt so far, in the order they ended. */
    public List<WebhookDelivery> webhookDeliveries() {
        return webhooks.deliveries();
    }

    /** {@code sha256=<hex HMAC-SHA256 of the body>}: the {@code X-SwanShare-Signature} of a webhook body. */
    public static String signature(String secret, String body) {
        return WebhookSender.signature(secret, body);
    }

    /** Webhook copies still waiting for their delay, a retry or an answer. */
    public int pendingWebhooks() {
        return webhooks.pending();
    }

    // ---- serving ----

    /** Clears credentials, counts, the month's usage, rate-limit history, outage, duplication and pending webhooks. */
    @Override
    protected void onReset() {
        store.clear();
        rateLimiter.clear();
        issuedThisMonth = 0;
        rateLimitedAnswers = 0;
        outage = false;
        webhooks.copies(1);
        webhooks.clear();
    }

    @Override
    protected Response handle(RecordedRequest request) {
        try {
            if (outage) {
                throw ApiError.unavailable();
            }
            if (request.path().equals("/verify")) {
                return verifyPage(request);
            }
            if (!request.path().startsWith("/api/")) {
                throw ApiError.notFound("Not found");
            }
            authorize(request);
            return api(request);
        } catch (ApiError error) {
            return error.toResponse();
        }
    }

    private void authorize(RecordedRequest request) {
        String authorization = request.header("Authorization");
        String key = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).strip() : null;
        if (key == null || !apiKeys.contains(key)) {
            throw ApiError.unauthorized();
        }
        if (!rateLimiter.tryAcquire(key, System.nanoTime())) {
            rateLimitedAnswers++;
            throw ApiError.rateLimited(rateLimiter.limit(), rateLimiter.window().toSeconds());
        }
    }

    private Response api(RecordedRequest request) {
        if (request.path().equals(CREDENTIALS_PATH)) {
            requireMethod(request, "POST");
            return issue(request);
        }
        Matcher one = ONE_CREDENTIAL.matcher(request.path());
        if (one.matches()) {
            requireMethod(request, "GET");
            Verification verification = find(one.group(1));
            if (verification == null) {
                throw ApiError.notFound("Credential not found");
            }
            return Response.json(200, verification.toJson(ISSUER_NAME, true));
        }
        throw ApiError.notFound("Not found");
    }

    private Response issue(RecordedRequest request) {
        List<IssueRequest.Item> items = IssueRequest.parse(request.body(), MAX_BATCH);
        if (issuedThisMonth + items.size() > monthlyQuota) {
            throw ApiError.planLimitReached();
        }
        issuedThisMonth += items.size();
        List<Credential> created = store.issue(items, Instant.now());
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("ok", true).put("count", created.size());
        ArrayNode list = body.putArray("credentials");
        created.forEach(c -> list.addObject().put("verify_id", c.verifyId()).put("verify_url", verifyUrl(c)));
        ObjectNode data = body.deepCopy();
        data.remove("ok");
        webhooks.send("credential.issued", data);
        return Response.json(201, body);
    }

    private Response verifyPage(RecordedRequest request) {
        requireMethod(request, "GET");
        String id = request.queryParams().stream().filter(p -> p.getKey().equals("id")).map(Map.Entry::getValue)
                .findFirst().orElse("");
        Verification verification = find(id);
        return Response.text(verification == null ? 404 : 200, "text/html; charset=utf-8", verification == null
                ? "<!doctype html><html><body><h1>Credential not found</h1></body></html>"
                : verification.toHtml(ISSUER_NAME));
    }

    private Verification find(String verifyId) {
        Credential credential = store.get(verifyId);
        return credential == null ? null : new Verification(credential, store.revokedAt(verifyId), Instant.now());
    }

    private String verifyUrl(Credential credential) {
        return baseUrl() + "/verify?id=" + credential.verifyId();
    }

    private static void requireMethod(RecordedRequest request, String method) {
        if (!request.method().equals(method)) {
            throw ApiError.methodNotAllowed();
        }
    }
}
