package io.certbridge.verification;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import io.certbridge.shared.Sha256;

/**
 * The file a certificate was made for, where there is one (a certificate its issuer had already, made verifiable in
 * the vault): its SHA-256, which the credential cites as evidence and anyone may check a file against, and the title
 * and issue date the file has.
 */
public interface OriginalDocuments {

    record Original(String sha256, String mediaType, long size, String title, LocalDate issueDate) {

        /** Whether {@code file} is this one, by its SHA-256. */
        public FileCheck check(String certificateId, InputStream file) throws IOException {
            return check(certificateId, HexFormat.of().formatHex(Sha256.of(file)));
        }

        /** Whether the file with this SHA-256 (hex, either case) is this one. */
        public FileCheck check(String certificateId, String fileSha256) {
            String sha256 = fileSha256.toLowerCase(Locale.ROOT);
            return new FileCheck("file_check", certificateId, sha256.equals(this.sha256), sha256, this);
        }
    }

    /** A file checked against a certificate's original: {@code match} when its SHA-256 is the original's. */
    record FileCheck(String object, String certificateId, boolean match, String sha256, Original original) {
    }

    Optional<Original> of(String certificateId);
}
