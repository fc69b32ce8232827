package io.certbridge.verification;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.certbridge.shared.ClasspathText;
import java.util.List;
import java.util.Map;

/** What the verification pages have in common: their policy, the verification page template, and how checks read. */
final class VerificationView {

    /** The page loads nothing from elsewhere: its styles are inline and its one image is a data URI. */
    static final String PAGE_POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
            + "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
    /** A page with a form (a file to check, Add to a wallet, a credential to verify) posts it here, and nowhere else. */
    static final String PAGE_WITH_FORM_POLICY = PAGE_POLICY.replace("form-action 'none'", "form-action 'self'");

    private static final Map<String, String> CHECK_LABELS = Map.of("format", "Format", "issuer_key", "Issuer key",
            "proof", "Signature", "anchor", "Blockchain anchor", "status", "Status", "validity_period", "Validity dates",
            "renewal", "Renewal");
    private static final Map<String, String> STATUS_TEXT = Map.of(
            "valid", "Valid — this certificate is genuine and in force",
            "revoked", "Revoked — the issuer has withdrawn this certificate",
            "suspended", "Suspended — the issuer has put this certificate on hold",
            "expired", "Expired — this certificate is no longer in force",
            "superseded", "Superseded — genuine, but replaced by a renewed certificate",
            "invalid", "Not valid — this certificate failed verification",
            ForeignStatusCheck.UNKNOWN, "Status unknown — genuine, but whether the issuer withdrew it could not be "
                    + "checked");

    private VerificationView() {
    }

    static String statusText(String status) {
        return STATUS_TEXT.get(status);
    }

    static List<Map<String, Object>> checks(Verification verification) {
        return verification.checks().stream()
                .map(c -> Map.<String, Object>of("name", c.name(), "label", CHECK_LABELS.getOrDefault(c.name(), c.name()),
                        "passed", c.passed(), "detail", c.detail()))
                .toList();
    }

    static Template compile(String page) {
        return Mustache.compiler().escapeHTML(true).defaultValue("").compile(ClasspathText.read("pages/" + page));
    }
}
