package io.certbridge.emulator.vec;

import io.certbridge.emulator.EmulatorServer;
import io.certbridge.emulator.RecordedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * VEC.digital's Business API for the Certificate Vault, after the Certificate Vault Integration Guide and the API
 * reference at docs.vec.digital: single and bulk uploads, list/search, view, verified PDF download and retry,
 * scoped bearer tokens, asynchronous processing (processing, then approved or failed), and signed webhooks.
 * The parts: {@link VaultApi} (endpoints), {@link Validation} (Laravel's 422s), {@link FormInput} (multipart
 * from the raw bytes), {@link VaultStore}, {@link VaultProcessing}, {@link VerifiedPdf}, {@link WebhookSender},
 * {@link RateLimiter}, {@link VecTokens}. To run it on its own, see {@link VecEmulatorMain}.
 *
 * <p>Assumed where the documents are silent:
 * <ul>
 * <li>Final status {@code approved} (the guide's lifecycle and webhook event); the API reference lists
 *     {@code generated} instead, so a client should take either as done. The list accepts both as filters.</li>
 * <li>Rate limit: none is documented; Laravel's default API throttle, 60 requests a minute per token, settable
 *     with {@link #rateLimit}. Authentication comes first (a 401 does not count and has no limit headers).</li>
 * <li>Bulk is all or nothing: an unresolved file id or a duplicate (of a stored certificate or within the request)
 *     refuses the whole request with 422 and creates nothing; the errors are a list of {@code "Entry i: …"} lines,
 *     as the reference shows for file ids. Accepted entries exist (status {@code processing}, listable) as soon as
 *     the 202 is answered, and a file id serves one accepted bulk request.</li>
 * <li>Duplicates: email compared in any case, title exactly (both trimmed); a missing issue date is today (UTC).
 *     The single upload's duplicate 422 carries {@code errors.applicant_email: [message]}.</li>
 * <li>Messages without a documented wording: 400 {@code "Only failed vault certificates can be retried"}, 404
 *     for an unknown uuid (Laravel's model-not-found text) or route, 503 {@code "Service Unavailable"} in an
 *     outage, 500 {@code {"message": …, "error_code": "SERVER_ERROR"}} as the reference shows.</li>
 * <li>The list is newest first; page links keep the other query parameters. The templates endpoint needs any
 *     valid token and lists one template.</li>
 * <li>Webhook payloads keep the creation's {@code trigger_context} for later events; retries resend the same body
 *     and signature (4 attempts at most). Events of one certificate may arrive out of order.</li>
 * <li>Public (no token, no limit), on the emulator's own address: {@code /storage/verification_applications/
 *     {uuid}/verified_certificate.pdf} once approved (the view's {@code documents[0].file_path}), and
 *     {@code /verify/{reference_id}} (the URL in the QR code) answering the certificate's status as JSON.
 *     {@code qrcode_path} and {@code barcode_path} stay {@code null}.</li>
 * </ul>
 */
public final class VecEmulator extends EmulatorServer {

    public static final Set<String> ALL_PERMISSIONS = VecTokens.ALL_PERMISSIONS;
    private static final Pattern STORAGE =
            Pattern.compile("/storage/verification_applications/([^/]+)/verified_certificate\\.pdf");
    private static final Pattern VERIFY = Pattern.compile("/verify/([^/]+)");

    private final VecTokens tokens = new VecTokens();
    private final VaultStore store = new VaultStore();
    private final RateLimiter rateLimiter = new RateLimiter();
    private final WebhookSender webhooks = new WebhookSender();
    private final VaultProcessing processing = new VaultProcessing(this, store, webhooks);
    private final VaultApi api = new VaultApi(store, tokens, processing, this::baseUrl);
    private boolean outage;

    /** An emulator whose institution has this token, with every certificate-vault permission. */
    public VecEmulator(String token) {
        tokens.put(token, ALL_PERMISSIONS);
    }

    @Override
    public VecEmulator start() {
        super.start();
        return this;
    }

    @Override
    public void close() {
        super.close();
        processing.close();
        webhooks.close();
    }

    // ---- set-up and faults ----

    /** Adds (or changes) a token with exactly these permissions, e.g. {@code certificate-vault:list}. */
    public void addToken(String token, Set<String> permissions) {
        tokens.put(token, permissions);
    }

    /** Admits {@code limit} requests per token per {@code window} (Laravel's default: 60 a minute); counts restart. */
    public synchronized void rateLimit(int limit, Duration window) {
        rateLimiter.configure(limit, window);
    }

    /** How long processing takes from upload (or retry) to approved/failed; 2 s unless set. */
    public void processingTime(Duration time) {
        processing.time(time);
    }

    /** The next {@code count} certificates that finish processing fail it (then can be retried). */
    public void failNextProcessing(int count) {
        processing.failNext(count);
    }

    /** Where webhooks go, signed with this secret; {@code null} stops them. Every event is subscribed. */
    public void sendWebhooksTo(String url, String secret) {
        webhooks.sendTo(url, secret);
    }

    /** The wait between webhook delivery attempts (30 s as documented, unless set). */
    public void webhookRetryBackoff(Duration backoff) {
        webhooks.backoff(backoff);
    }

    /** The next {@code count} requests under {@code /business/} get the documented 500 answer. */
    public void serverErrorNext(int count) {
        injectFaults("/business/", count, Response.json(500, VaultJson.JSON.objectNode()
                .put("message", "An unexpected error occurred. Our team has been notified.")
                .put("error_code", "SERVER_ERROR")));
    }

    /** Until {@link #restore()}, every request is answered 503 {@code {"message": "Service Unavailable"}}. */
    public synchronized void outage() {
        outage = true;
    }

    public synchronized void restore() {
        outage = false;
    }

    /** The institution revokes a certificate in its dashboard (there is no API for it, and no webhook event). */
    public synchronized void revoke(String uuid) {
        store.put(store.get(uuid).withStatus("revoked", Instant.now()));
    }

    // ---- what clients did ----

    /** Every vault certificate, oldest first. */
    public synchronized List<VaultCertificate> certificates() {
        return store.all();
    }

    public synchronized VaultCertificate certificate(String uuid) {
        return store.get(uuid);
    }

    /** How many certificates were created for this recipient (email in any case, title), whatever their issue date. */
    public synchronized int timesCreated(String applicantEmail, String certificateTitle) {
        return store.timesCreated(applicantEmail, certificateTitle);
    }

    /** How many uploads (single, or bulk entries) were refused as duplicates. */
    public synchronized int duplicatesRefused() {
        return api.duplicatesRefused();
    }

    /** How many requests were answered 429. */
    public synchronized int tooManyRequestsAnswered() {
        return rateLimiter.refused();
    }

    /** Every webhook delivery attempt so far, in the order they were answered. */
    public List<WebhookDelivery> webhookDeliveries() {
        return webhooks.deliveries();
    }

    /** Keeps tokens, the webhook endpoint and the settings; forgets certificates, uploads, counts and deliveries. */
    @Override
    protected void onReset() {
        store.clear();
        rateLimiter.clear();
        processing.clear();
        api.clear();
        webhooks.clear();
        outage = false;
    }

    // ---- serving ----

    @Override
    protected Response handle(RecordedRequest request) {
        if (outage) {
            return VaultJson.message(503, "Service Unavailable");
        }
        if (!request.path().startsWith("/business/")) {
            return publicFile(request);
        }
        String token = tokens.authenticate(request);
        if (token == null) {
            return VaultJson.message(401, "Unauthorized - Invalid API token");
        }
        Response throttled = rateLimiter.hit(token, Instant.now());
        return throttled != null ? throttled : rateLimiter.withHeaders(token, api.handle(request, token));
    }

    private Response publicFile(RecordedRequest request) {
        Matcher storage = STORAGE.matcher(request.path());
        Matcher verify = VERIFY.matcher(request.path());
        if (storage.matches() && store.get(storage.group(1)) != null && store.get(storage.group(1)).verifiedAt() != null) {
            return VaultApi.verifiedPdf(store.get(storage.group(1)), baseUrl());
        }
        if (verify.matches()) {
            for (VaultCertificate certificate : store.all()) {
                if (certificate.referenceId().equals(verify.group(1))) {
                    return Response.json(200, VaultJson.summary(certificate).put("institution_name", VaultApi.INSTITUTION));
                }
            }
        }
        return VaultJson.message(404, "Not Found");
    }
}
