package io.certbridge.credential;

/**
 * The If-None-Match condition of RFC 9110 §13.1.2 for a GET: true (answer 304) when the field is "*" and the
 * resource exists, or when one of its entity tags matches by weak comparison (W/ ignored on both sides). Spring MVC's
 * own check ignores "*" on safe methods, so a verifier sending it would get the whole list again.
 */
final class IfNoneMatch {

    private IfNoneMatch() {
    }

    /** @param field the field's value, several header lines joined by commas; null when the request has none */
    static boolean matches(String field, String etag) {
        if (field == null) {
            return false;
        }
        String opaque = opaque(etag);
        int i = 0;
        while (i < field.length()) {
            char c = field.charAt(i);
            if (c == ' ' || c == '\t' || c == ',') {
                i++;
            } else if (c == '*') {
                return true;
            } else {
                int start = field.startsWith("W/", i) ? i + 2 : i;
                int end = field.indexOf('"', start + 1);
                if (start >= field.length() || field.charAt(start) != '"' || end < 0) {
                    return false;
                }
                if (field.substring(start, end + 1).equals(opaque)) {
                    return true;
                }
                i = end + 1;
            }
        }
        return false;
    }

    private static String opaque(String etag) {
        return etag.startsWith("W/") ? etag.substring(2) : etag;
    }
}
