package io.certbridge.emulator.trustedform;

import com.fasterxml.jackson.databind.JsonNode;
import io.certbridge.emulator.EmulatorServer;
import io.certbridge.emulator.RecordedRequest;
import io.certbridge.emulator.trustedform.Certificate.Retention;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code cert.trustedform.com} for one buyer account, speaking the TrustedForm Certificate API v4.0
 * ({@code https://developers.activeprospect.com/api-reference/certificate-url/run-certificate-operations}): each
 * certificate URL is {@code {baseUrl}/{40 hex}} and answers {@code POST} with Basic auth (user {@code API}, the API
 * key as password) by running the operations the body names: {@code match_lead}, {@code retain},
 * {@code insights}. Tests make certificates ({@link #newCertificate}) as a consumer's form would.
 *
 * <p>Documented and emulated: {@code Content-Type: application/json} or {@code application/x-www-form-urlencoded};
 * the {@code Api-Version} header ({@code 4.0}; without it the account's configured version applies); 200 with
 * {@code {outcome, reason, match_lead{email, phone, result{email_match, phone_match, success}},
 * retain{reference, vendor, campaign_id?, results{expires_at, masked_cert_url, previously_retained}},
 * insights{properties{…}}}}, one section per operation asked for, parameters echoed; {@code match_lead} is
 * required with {@code retain}; e-mails lower-cased and phones stripped of whitespace, hyphens, brackets and
 * parentheses before matching, a SHA-1 of the normalized value matching too; a failed match makes the outcome
 * {@code failure} and does not stop the retain; retention lasts 5 years (the account setting's default,
 * {@link #RETENTION}); 401 for missing credentials, 402 (account inactive or out of funds), 403 for an operation the
 * account has not contracted, 404 for a certificate expired or unknown, 422 for operations that cannot run, 5xx to be
 * retried; {@code GET} shows the certificate as HTML and retains nothing. There is no list or search of retained
 * certificates: a client that lost an answer can only retain again and read {@code previously_retained}.
 *
 * <p>Assumed where the documents are silent or disagree:
 * <ul>
 * <li>A wrong API key is answered 403 (the retain guide, and the issue) by default; the v4 reference lists 401
 *     "Incorrect API key": {@link #wrongKeyStatus(int)} switches. Missing or unreadable Basic credentials: 401 with
 *     {@code WWW-Authenticate: Basic realm="TrustedForm"}. The Basic user is not checked (ActiveProspect's own
 *     LeadConduit integration sends {@code X}).</li>
 * <li>Every answer other than 200 that the emulator makes has body {@code {"outcome":"error","reason":"…"}}
 *     (LeadConduit's integration reads {@code outcome} and {@code reason} from them); injected faults
 *     ({@link #failNext}) have the body given.</li>
 * <li>400: another Content-Type, malformed JSON, a body that is not an object, no operation, a section that is not
 *     an object, a field that is not a string, an {@code Api-Version} other than {@code 4.0}, or none when the
 *     account is set to an older version ({@link #accountApiVersion}), whose answers are not emulated.
 *     422: {@code retain} without {@code match_lead} carrying an e-mail or phone; {@code insights} without
 *     {@code properties}. {@code verify} (TrustedForm Verify) is not emulated: always 403. Checks run in the order
 *     outage, method, credentials, Api-Version, funds, body, contract, operations, certificate.</li>
 * <li>A certificate's public window is 72 hours from creation ({@link #publicWindow}); once retained it stays available to the account
 *     until its retention ends. A retain of a certificate already retained answers 200 with
 *     {@code previously_retained: true} and the first retention's {@code expires_at}, keeps the first reference and
 *     vendor, and is counted (billed) again: {@link #retainCount} counts every retain answered 200.</li>
 * <li>{@code insights} returns {@code age_seconds}, {@code created_at}, {@code expires_at} (the public window),
 *     {@code page_url}, {@code domain}, {@code seconds_on_page}, {@code ip}, {@code bot_detected},
 *     {@code is_framed}, {@code is_masked}; any other property is {@code null}; {@code scans} are ignored.</li>
 * <li>No rate limit is documented and none is applied. Other methods: 405 with {@code Allow: GET, POST}. An outage
 *     answers 503.</li>
 * </ul>
 * To run it on its own, see {@link TrustedFormEmulatorMain}.
 */
public final class TrustedFormEmulator extends EmulatorServer {

    public static final Duration DEFAULT_PUBLIC_WINDOW = Duration.ofHours(72);
    public static final Duration RETENTION = Duration.ofDays(5 * 365 + 1);
    public static final String API_VERSION = "4.0";
    public static final Set<String> DEFAULT_CONTRACT = Set.of("match_lead", "retain", "insights");

    private static final Pattern CERTIFICATE_PATH = Pattern.compile("/[-_.A-Za-z0-9]{1,255}");

    private final String apiKey;
    private final CertificateStore store = new CertificateStore();
    private final List<RecordedCall> calls = new ArrayList<>();
    private Set<String> contract = DEFAULT_CONTRACT;
    private int wrongKeyStatus = 403;
    private String accountApiVersion = API_VERSION;
    private Duration publicWindow = DEFAULT_PUBLIC_WINDOW;
    private boolean outage;
    private boolean outOfFunds;

    /** A buyer account whose API key (the Basic password) is {@code apiKey}. */
    public TrustedFormEmulator(String apiKey) {
        this.apiKey = apiKey;
    }

    @Override
    public TrustedFormEmulator start() {
        super.start();
        return this;
    }

    /** What every certificate URL starts with, {@code {baseUrl}/}: the hub's allowed URL prefix. */
    public String certificateUrlPrefix() {
        return baseUrl() + "/";
    }

    // ---- certificates, as consumers' forms make them ----

    /** A certificate made now, recording this consumer (either may be null); returns its URL. */
    public synchronized String newCertificate(String email, String phone) {
        return url(store.create(email, phone, "https://forms.example.com/quote", Instant.now(), publicWindow));
    }

    /** A certificate whose public window closed an hour ago, never retained: answered 404. */
    public synchronized String newExpiredCertificate(String email, String phone) {
        Instant created = Instant.now().minus(publicWindow).minus(Duration.ofHours(1));
        return url(store.create(email, phone, "https://forms.example.com/quote", created, publicWindow));
    }

    /** Closes the certificate's public window now (a retained one stays the account's); false if unknown. */
    public synchronized boolean expire(String certificateUrl) {
        Certificate certificate = find(certificateUrl);
        if (certificate != null) {
            certificate.expire(Instant.now());
        }
        return certificate != null;
    }

    // ---- account settings (back to defaults on reset) ----

    /** The operations the account has contracted; others are answered 403 (default match_lead, retain, insights). */
    public synchronized void contractedOperations(String... operations) {
        contract = Set.of(operations);
    }

    /** 403 (default, as the retain guide says) or 401 (as the v4 reference's table says) for a wrong API key. */
    public synchronized void wrongKeyStatus(int status) {
        wrongKeyStatus = status;
    }

    /** The version used for requests without {@code Api-Version} (default 4.0; another one is answered 400). */
    public synchronized void accountApiVersion(String version) {
        accountApiVersion = version;
    }

    /** How long a new certificate can be retained (default 72 hours). */
    public synchronized void publicWindow(Duration window) {
        publicWindow = window;
    }

    // ---- faults (cleared by reset; failNext and delayResponses come from EmulatorServer) ----

    /** While on, every request is answered 503. */
    public synchronized void outage(boolean on) {
        outage = on;
    }

    /** While on, operations are answered 402 (account inactive or out of funds). */
    public synchronized void outOfFunds(boolean on) {
        outOfFunds = on;
    }

    // ---- what tests assert on ----

    /** The certificate behind a URL (or bare id), or {@code null}. */
    public synchronized Certificate certificate(String certificateUrl) {
        return find(certificateUrl);
    }

    public synchronized List<Certificate> certificates() {
        return store.all();
    }

    /** Retains answered 200 for this certificate (billable each); exactly once means 1. */
    public synchronized int retainCount(String certificateUrl) {
        Certificate certificate = find(certificateUrl);
        return certificate == null ? 0 : certificate.retains();
    }

    /** Retains answered 200 per certificate URL, for every certificate retained at least once. */
    public synchronized Map<String, Integer> retainCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        store.all().stream().filter(c -> c.retains() > 0).forEach(c -> counts.put(url(c), c.retains()));
        return counts;
    }

    /** The certificate URLs retained more than once. */
    public synchronized List<String> retainedMoreThanOnce() {
        return retainCounts().entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    }

    /** Every request and its answer, in order, faults included, the API key redacted. */
    public synchronized List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    // ---- serving ----

    /** Forgets certificates, calls and faults, and puts the account settings back to their defaults. */
    @Override
    protected void onReset() {
        store.clear();
        calls.clear();
        contract = DEFAULT_CONTRACT;
        wrongKeyStatus = 403;
        accountApiVersion = API_VERSION;
        publicWindow = DEFAULT_PUBLIC_WINDOW;
        outage = false;
        outOfFunds = false;
    }

    @Override
    protected void answered(RecordedRequest request, Response response) {
        calls.add(RecordedCall.of(request, response, Instant.now()));
    }

    @Override
    protected Response handle(RecordedRequest request) {
        try {
            if (outage) {
                throw new ApiError(503, "Service temporarily unavailable");
            }
            if (!CERTIFICATE_PATH.matcher(request.path()).matches()) {
                throw ApiError.notFound();
            }
            return switch (request.method()) {
                case "POST" -> runOperations(request);
                case "GET" -> CertificatePage.of(available(request.path().substring(1)));
                default -> new ApiError(405, "Use POST to run certificate operations").toResponse()
                        .withHeader("Allow", "GET, POST");
            };
        } catch (ApiError error) {
            return error.toResponse();
        }
    }

    private Response runOperations(RecordedRequest request) {
        authorize(request);
        checkApiVersion(request.header("Api-Version"));
        if (outOfFunds) {
            throw new ApiError(402, "Account is inactive or out of funds");
        }
        JsonNode body = OperationsRequest.body(request);
        OperationsRequest.named(body).stream().filter(name -> !contract.contains(name)).findFirst()
                .ifPresent(name -> {
                    throw ApiError.unavailableOperation(name);
                });
        OperationsRequest operations = OperationsRequest.read(body);
        Certificate certificate = available(request.path().substring(1));
        if (certificate == null) {
            throw ApiError.notFound();
        }
        Instant now = Instant.now();
        boolean previouslyRetained = operations.retain() != null && certificate.retain(new Retention(
                operations.retain().reference(), operations.retain().vendor(), operations.retain().campaignId(),
                now, now.plus(RETENTION)));
        return Response.json(200, OperationsAnswer.of(operations, certificate, previouslyRetained, now));
    }

    private void authorize(RecordedRequest request) {
        BasicCredentials credentials = BasicCredentials.parse(request.header("Authorization"));
        if (credentials == null) {
            throw new ApiError(401, ApiError.INCORRECT_API_KEY);
        }
        if (!credentials.password().equals(apiKey)) {
            throw new ApiError(wrongKeyStatus, ApiError.INCORRECT_API_KEY);
        }
    }

    private void checkApiVersion(String header) {
        if (header != null && !header.strip().equals(API_VERSION)) {
            throw ApiError.badRequest("Unsupported Api-Version: " + header.strip());
        }
        if (header == null && !accountApiVersion.equals(API_VERSION)) {
            throw ApiError.badRequest("This account is configured for api-version " + accountApiVersion
                    + "; send Api-Version: " + API_VERSION);
        }
    }

    /** The certificate if the account can reach it now, else {@code null}. */
    private Certificate available(String id) {
        Certificate certificate = store.get(id);
        return certificate != null && certificate.availableAt(Instant.now()) ? certificate : null;
    }

    private Certificate find(String certificateUrl) {
        String prefix = certificateUrlPrefix();
        return store.get(certificateUrl.startsWith(prefix) ? certificateUrl.substring(prefix.length())
                : certificateUrl);
    }

    private String url(Certificate certificate) {
        return certificateUrlPrefix() + certificate.id();
    }
}
