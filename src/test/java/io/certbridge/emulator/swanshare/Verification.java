package io.certbridge.emulator.swanshare;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The result of re-running verification on a credential: the body of {@code GET /v1/credentials/{verify_id}} and the
 * public verification page. Signature, hash and ledger inclusion always pass here (nothing can be tampered with);
 * revocation and expiry are checked against {@code now}.
 */
final class Verification {

    private final Credential credential;
    private final Instant revokedAt;
    private final String status;

    Verification(Credential credential, Instant revokedAt, Instant now) {
        this.credential = credential;
        this.revokedAt = revokedAt;
        this.status = revokedAt != null ? "revoked" : expired(now) ? "expired" : "valid";
    }

    /** {@code valid}, {@code revoked} (wins over expiry) or {@code expired}. */
    String status() {
        return status;
    }

    ObjectNode toJson(String issuerName, boolean issuerVerified) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("valid", status.equals("valid")).put("status", status);
        ArrayNode checks = body.putArray("checks");
        check(checks, "Signature", true, "RSA-PSS signature verified with the public key of " + issuerName);
        check(checks, "Hash", true, "SHA-256 fingerprint matches: " + fingerprint());
        check(checks, "Ledger inclusion", true, "Fingerprint recorded in ledger entry #" + credential.ledgerEntry());
        check(checks, "Revocation", revokedAt == null,
                revokedAt == null ? "Not revoked" : "Revoked by the issuer at " + revokedAt);
        check(checks, "Expiry", !status.equals("expired"), credential.expiresAt() == null ? "No expiry date"
                : (status.equals("expired") ? "Expired: " : "Valid until ") + credential.expiresAtText());
        ObjectNode details = body.putObject("credential");
        details.put("verify_id", credential.verifyId())
                .put("title", credential.title())
                .put("recipient_name", credential.recipientName());
        if (credential.recipientEmail() != null) {
            details.put("recipient_email", credential.recipientEmail());
        }
        details.put("issued_at", credential.issuedAt().toString());
        if (credential.expiresAtText() != null) {
            details.put("expires_at", credential.expiresAtText());
        }
        if (revokedAt != null) {
            details.put("revoked_at", revokedAt.toString());
        }
        details.set("fields", credential.fields().deepCopy());
        body.putObject("issuer").put("name", issuerName).put("verified", issuerVerified);
        return body;
    }

    String toHtml(String issuerName) {
        return "<!doctype html><html><head><meta charset=\"utf-8\"><title>Verify credential | SwanShare</title></head>"
                + "<body><main><h1>" + escape(credential.title()) + "</h1>"
                + "<p>Issued to <strong>" + escape(credential.recipientName()) + "</strong> by "
                + escape(issuerName) + " on " + credential.issuedAt() + "</p>"
                + "<p class=\"status status-" + status + "\">" + switch (status) {
                    case "valid" -> "Verified: this credential is authentic and valid.";
                    case "revoked" -> "Revoked: the issuer has revoked this credential.";
                    default -> "Expired: this credential is no longer valid.";
                } + "</p><p>Credential ID " + credential.verifyId() + "</p></main></body></html>";
    }

    private boolean expired(Instant now) {
        return credential.expiresAt() != null && !now.isBefore(credential.expiresAt());
    }

    private static void check(ArrayNode checks, String name, boolean passed, String detail) {
        checks.addObject().put("name", name).put("passed", passed).put("detail", detail);
    }

    private String fingerprint() {
        String canonical = String.join("\n", credential.verifyId(), credential.recipientName(),
                String.valueOf(credential.recipientEmail()), credential.title(), credential.issuedAt().toString(),
                String.valueOf(credential.expiresAtText()), credential.fields().toString());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
