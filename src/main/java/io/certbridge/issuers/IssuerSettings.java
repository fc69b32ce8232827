package io.certbridge.issuers;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * certbridge.issuers.&lt;name&gt;: the accounts at outside certificate services a template may issue through
 * ({@code "issuer": "<name>"}). Several accounts of one type may be configured. A wrong account stops the start and
 * says which setting is wrong; the API key and webhook secret belong in the environment
 * ({@code CERTBRIDGE_ISSUERS_<NAME>_APIKEY}) and are never shown.
 */
@ConfigurationProperties("certbridge")
public record IssuerSettings(Map<String, Account> issuers) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]{1,63}");

    /**
     * One account. {@code batchSize} and {@code requestsPerMinute} are the plan's (each type has its own default);
     * {@code webhookSecret} authenticates the service's webhooks at {@code /hooks/issuers/<name>}, as a signature or,
     * with {@code webhookAuth: url-secret}, as {@code ?secret=} in the URL given to the service. {@code pollInterval}
     * is how often certificates still processing at the service are looked at when no webhook says they are done;
     * {@code maxRetries} how many times processing the service failed is retried there. {@code webhookGrace} is how
     * long a call retried after its answer was lost waits for the service's webhook to tell what it created, for
     * services whose webhooks are the only way to find it (SwanShare).
     */
    public record Account(String type, URI baseUrl, String apiKey, Integer batchSize, Integer requestsPerMinute,
                          String webhookSecret, String webhookAuth, Duration pollInterval, Integer maxRetries,
                          Duration webhookGrace) {

        public IssuerType issuerType() {
            return IssuerType.of(type).orElseThrow();
        }

        public int batchSizeOrDefault() {
            return batchSize == null ? issuerType().defaultBatchSize() : batchSize;
        }

        public int requestsPerMinuteOrDefault() {
            return requestsPerMinute == null ? issuerType().defaultRequestsPerMinute() : requestsPerMinute;
        }

        public boolean secretInUrl() {
            return "url-secret".equals(webhookAuth);
        }

        public Duration pollIntervalOrDefault() {
            return pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
        }

        public int maxRetriesOrDefault() {
            return maxRetries == null ? 3 : maxRetries;
        }

        public Duration webhookGraceOrDefault() {
            return webhookGrace == null ? Duration.ofMinutes(2) : webhookGrace;
        }

        /** The base URL without a trailing slash. */
        public String base() {
            String url = baseUrl.toString();
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }

        @Override
        public String toString() {
            return "Account[type=" + type + ", baseUrl=" + baseUrl + "]";
        }
    }

    public IssuerSettings {
        issuers = issuers == null ? Map.of() : new LinkedHashMap<>(issuers);
        issuers.forEach(IssuerSettings::check);
    }

    public Optional<Account> account(String name) {
        return Optional.ofNullable(name == null ? null : issuers.get(name));
    }

    private static void check(String name, Account account) {
        String at = "certbridge.issuers." + name;
        if (!NAME.matcher(name).matches()) {
            // so that every setting of the account can come from the environment, CERTBRIDGE_ISSUERS_<NAME>_APIKEY
            throw new IllegalArgumentException(at + ": an issuer's name is lower-case letters and digits");
        }
        if (account.type() == null || IssuerType.of(account.type()).isEmpty()) {
            throw new IllegalArgumentException(at + ".type must be one of " + IssuerType.names()
                    + (account.type() == null ? "" : ", not " + account.type()));
        }
        if (account.baseUrl() == null || !account.baseUrl().isAbsolute()
                || !(account.baseUrl().getScheme().equals("https") || account.baseUrl().getScheme().equals("http"))) {
            throw new IllegalArgumentException(at + ".base-url must be the service's https address");
        }
        if (account.apiKey() == null || account.apiKey().isBlank()) {
            throw new IllegalArgumentException(at + ".api-key is missing (set CERTBRIDGE_ISSUERS_"
                    + name.toUpperCase() + "_APIKEY)");
        }
        if (account.webhookAuth() != null && !account.webhookAuth().equals("signature")
                && !account.webhookAuth().equals("url-secret")) {
            throw new IllegalArgumentException(at + ".webhook-auth must be signature or url-secret");
        }
        positive(at + ".batch-size", account.batchSize());
        positive(at + ".requests-per-minute", account.requestsPerMinute());
        if (account.maxRetries() != null && account.maxRetries() < 0) {
            throw new IllegalArgumentException(at + ".max-retries must not be negative");
        }
        if (account.pollInterval() != null && (account.pollInterval().isNegative() || account.pollInterval().isZero())) {
            throw new IllegalArgumentException(at + ".poll-interval must be positive");
        }
        if (account.webhookGrace() != null && account.webhookGrace().isNegative()) {
            throw new IllegalArgumentException(at + ".webhook-grace must not be negative");
        }
    }

    private static void positive(String setting, Integer value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException(setting + " must be at least 1");
        }
    }
}
