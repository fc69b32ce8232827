package io.certbridge.emulator.trustedform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The {@code match_lead} comparison: e-mails are lower-cased, phones lose whitespace, hyphens, brackets and
 * parentheses; a value matches the certificate's either as such or as the SHA-1 hex of the normalized value.
 */
final class LeadMatch {

    private LeadMatch() {
    }

    /** {@code null} when no value was given (the documented "not provided"), else whether it matches. */
    static Boolean email(String given, String recorded) {
        return matches(given, recorded, LeadMatch::normalizeEmail);
    }

    static Boolean phone(String given, String recorded) {
        return matches(given, recorded, LeadMatch::normalizePhone);
    }

    private static Boolean matches(String given, String recorded, java.util.function.UnaryOperator<String> normalize) {
        if (given == null || given.isBlank()) {
            return null;
        }
        if (recorded == null) {
            return false;
        }
        String value = normalize.apply(recorded);
        String candidate = normalize.apply(given);
        return candidate.equals(value) || candidate.equalsIgnoreCase(sha1(value));
    }

    static String normalizeEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    static String normalizePhone(String phone) {
        return phone.replaceAll("[\\s\\-()\\[\\]]", "");
    }

    static String sha1(String value) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
