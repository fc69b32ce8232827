package io.certbridge.emulator.salesforce;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The access tokens the emulated org has issued and not yet revoked or expired, and how many logins
 * of each grant type succeeded. Tokens look like Salesforce's: the 15-character org id, {@code !}, then
 * random text. Both the REST form ({@code Authorization: Bearer <token>}) and the Streaming API form
 * ({@code Authorization: OAuth <token>}) are accepted, as Salesforce accepts either scheme.
 */
final class AccessTokens {

    private final SecureRandom random = new SecureRandom();
    private final String orgId15;
    private final Set<String> valid = new HashSet<>();
    private final Map<String, Integer> logins = new HashMap<>();

    AccessTokens(String orgId) {
        this.orgId15 = orgId.substring(0, 15);
    }

    /** Issues a new token for a successful login of this grant type. */
    synchronized String issue(String grantType) {
        byte[] bytes = new byte[72];
        random.nextBytes(bytes);
        String token = orgId15 + "!AQ0AQ" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        valid.add(token);
        logins.merge(grantType, 1, Integer::sum);
        return token;
    }

    synchronized boolean isValid(String token) {
        return token != null && valid.contains(token);
    }

    /** True when the header is {@code Bearer <token>} or {@code OAuth <token>} with a valid token. */
    boolean isValidAuthorization(String header) {
        return isValid(fromAuthorization(header));
    }

    /** Revokes a token; false when it was not valid. */
    synchronized boolean revoke(String token) {
        return valid.remove(token);
    }

    /** Every token issued so far becomes invalid. */
    synchronized void expireAll() {
        valid.clear();
    }

    synchronized int logins(String grantType) {
        return logins.getOrDefault(grantType, 0);
    }

    synchronized void clearLoginCounts() {
        logins.clear();
    }

    /** The token of an {@code Authorization} header value, or {@code null} when there is none. */
    static String fromAuthorization(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = value.substring(0, space);
        boolean known = scheme.equalsIgnoreCase("Bearer") || scheme.equalsIgnoreCase("OAuth");
        return known ? value.substring(space + 1).strip() : null;
    }
}
