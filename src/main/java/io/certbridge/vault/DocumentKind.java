package io.certbridge.vault;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of file the vault takes, told by their first bytes, never by the name or the type a client declares: a
 * PDF has its header {@code %PDF-} within its first 1,024 bytes (where readers look for it), a PNG starts with its
 * 8-byte signature, a JPEG with a start-of-image marker followed by another marker.
 */
public enum DocumentKind {
    PDF("application/pdf"), PNG("image/png"), JPEG("image/jpeg");

    /** As far into a file as its kind is looked for. */
    private static final int HEAD_BYTES = 1024;

    private static final byte[] PDF_HEADER = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_START = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private final String mediaType;

    DocumentKind(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<DocumentKind> of(String mediaType) {
        return Arrays.stream(values()).filter(kind -> kind.mediaType.equals(mediaType)).findFirst();
    }

    /** @param head the file, or at least its first 1,024 bytes */
    public static Optional<DocumentKind> sniff(byte[] head) {
        if (startsWith(head, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, JPEG_START)) {
            return Optional.of(JPEG);
        }
        for (int at = 0; at + PDF_HEADER.length <= Math.min(head.length, HEAD_BYTES); at++) {
            if (Arrays.equals(head, at, at + PDF_HEADER.length, PDF_HEADER, 0, PDF_HEADER.length)) {
                return Optional.of(PDF);
            }
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }
}
