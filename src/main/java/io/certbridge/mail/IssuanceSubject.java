package io.certbridge.mail;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the subject of an issuance mail says: "Issue: &lt;template id or name&gt;", after any reply or
 * forward prefixes, optionally ending in "[secret &lt;value&gt;]".
 */
record IssuanceSubject(String templateRef, String secret) {

    static final String PROBLEM = "The subject must read \"Issue: <template id or name>\"";

    /** Re:, Fwd: and their forms in other languages (AW/WG, SV/VS, TR/RV, RES/ENC), also "Re[2]:" and "Re :". */
    private static final Pattern REPLY_PREFIXES =
            Pattern.compile("(?i)^(?:(?:re|fwd?|aw|wg|sv|vs|antw|tr|rv|res|enc)(?:\\[\\d+])?\\s*:\\s*)*");
    private static final Pattern ISSUE =
            Pattern.compile("(?i)issue\\s*:\\s*(.*?)\\s*(?:\\[\\s*secret\\s+([^\\]]*?)\\s*])?");

    /** "[secret ...]", closed or not, wherever it stands. */
    private static final Pattern SECRET = Pattern.compile("(?i)\\s*\\[\\s*secret\\b[^\\]]*(?:]|$)");

    /** The subject with the sender's secret taken out: what may be stored, logged and repeated in a reply. */
    static String withoutSecret(String subject) {
        return subject == null ? null : SECRET.matcher(subject).replaceAll("");
    }

    static Optional<IssuanceSubject> parse(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher issue = ISSUE.matcher(REPLY_PREFIXES.matcher(subject.strip()).replaceFirst(""));
        if (!issue.matches() || issue.group(1).isEmpty()) {
            return Optional.empty();
        }
        String secret = issue.group(2);
        return Optional.of(new IssuanceSubject(issue.group(1), secret == null || secret.isEmpty() ? null : secret));
    }
}
