package io.certbridge.truescreen;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * certbridge.truescreen.&lt;name&gt;: the TrueScreen accounts a template may have its certificates certified by
 * ({@code "truescreen": {"account": "<name>", …}}). A wrong account stops the start and says which setting is wrong;
 * the API key and the webhook secret belong in the environment ({@code CERTBRIDGE_TRUESCREEN_<NAME>_APIKEY}) and are
 * never shown.
 */
@ConfigurationProperties("certbridge")
public record TrueScreenSettings(Map<String, Account> truescreen) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]{1,63}");

    /**
     * One account. {@code webhookSecret} ({@code whsec_<base64>}) verifies TrueScreen's callbacks at
     * {@code /hooks/truescreen/<name>}; {@code pollInterval} is how long a certification may stay pending without a
     * callback before TrueScreen is asked about it; {@code callbackGrace} how long a certification request whose answer
     * was lost waits for the callback that names it before it is taken as never made and sent again.
     */
    public record Account(URI baseUrl, String apiKey, String webhookSecret, Duration pollInterval,
                          Duration callbackGrace) {

        public Duration pollIntervalOrDefault() {
            return pollInterval == null ? Duration.ofSeconds(30) : pollInterval;
        }

        public Duration callbackGraceOrDefault() {
            return callbackGrace == null ? Duration.ofMinutes(30) : callbackGrace;
        }

        /** The base URL without a trailing slash. */
        public String base() {
            String url = baseUrl.toString();
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }

        @Override
        public String toString() {
            return "Account[baseUrl=" + baseUrl + "]";
        }
    }

    public TrueScreenSettings {
        truescreen = truescreen == null ? Map.of() : new LinkedHashMap<>(truescreen);
        truescreen.forEach(TrueScreenSettings::check);
    }

    public Optional<Account> account(String name) {
        return Optional.ofNullable(name == null ? null : truescreen.get(name));
    }

    private static void check(String name, Account account) {
        String at = "certbridge.truescreen." + name;
        String env = "CERTBRIDGE_TRUESCREEN_" + name.toUpperCase() + "_";
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(at + ": an account's name is lower-case letters and digits");
        }
        if (account.baseUrl() == null || !account.baseUrl().isAbsolute()
                || !(account.baseUrl().getScheme().equals("https") || account.baseUrl().getScheme().equals("http"))) {
            throw new IllegalArgumentException(at + ".base-url must be TrueScreen's https address");
        }
        if (account.apiKey() == null || account.apiKey().isBlank()) {
            throw new IllegalArgumentException(at + ".api-key is missing (set " + env + "APIKEY)");
        }
        if (account.webhookSecret() == null || !account.webhookSecret().startsWith("whsec_")) {
            throw new IllegalArgumentException(at + ".webhook-secret must be the account's whsec_ secret (set " + env
                    + "WEBHOOKSECRET)");
        }
        try {
            java.util.Base64.getDecoder().decode(account.webhookSecret().substring("whsec_".length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + ".webhook-secret is not whsec_ followed by base64");
        }
        if (account.pollInterval() != null && (account.pollInterval().isNegative() || account.pollInterval().isZero())) {
            throw new IllegalArgumentException(at + ".poll-interval must be positive");
        }
        if (account.callbackGrace() != null && account.callbackGrace().isNegative()) {
            throw new IllegalArgumentException(at + ".callback-grace must not be negative");
        }
    }
}
