package io.certbridge.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import org.eclipse.angus.mail.util.DecodingException;

/**
 * The text of a mail part, decoded from its transfer encoding and its character set, and read no further
 * than a size limit; or, in words, why it cannot be had. {@code label} begins those words ("The attachment
 * recipients.csv"). A byte order mark decides the character set; a part that names none, or US-ASCII (which
 * clients name for text they never looked at), is read as UTF-8, or as windows-1252 when it is not UTF-8,
 * which is how Excel on Windows saves CSV files.
 */
record PartText(String text, String problem) {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /** What MimeUtility decodes; it fails on any other with a bare IOException, like a failed read. */
    private static final Set<String> TRANSFER_ENCODINGS =
            Set.of("7bit", "8bit", "binary", "base64", "quoted-printable", "uuencode", "x-uuencode", "x-uue");
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    static PartText read(Part part, String label, long maxBytes) throws MessagingException, IOException {
        String encoding = part instanceof MimePart mime ? mime.getEncoding() : null;
        if (encoding != null && !TRANSFER_ENCODINGS.contains(encoding.toLowerCase(Locale.ROOT))) {
            return new PartText(null, label + " has the transfer encoding \"" + encoding
                    + "\", which the hub cannot decode");
        }
        long atLeast = decodedSizeAtLeast(part, encoding);
        if (atLeast > maxBytes) {
            return tooLarge(label, size(atLeast), maxBytes);
        }
        byte[] bytes;
        try (InputStream in = part.getInputStream()) {
            bytes = in.readNBytes((int) Math.min(maxBytes, MAX_ARRAY - 1) + 1);
        } catch (DecodingException e) {
            return new PartText(null, label + " cannot be decoded from " + encoding + "; it may have been cut off");
        }
        if (bytes.length > maxBytes) {
            return tooLarge(label, "more than " + size(maxBytes), maxBytes);
        }
        return decode(bytes, label, MailParts.parameter(part, "charset"));
    }

    /** A byte count in words, rounded up, so that a size over a limit never reads as the limit. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        boolean megabytes = bytes >= 1024 * 1024;
        long unit = megabytes ? 1024 * 1024 : 1024;
        long tenths = (bytes * 10 + unit - 1) / unit;
        return (tenths % 10 == 0 ? String.valueOf(tenths / 10) : tenths / 10 + "." + tenths % 10)
                + (megabytes ? " MB" : " KB");
    }

    /**
     * What the part's size (as the mail or the IMAP server states it, in transfer-encoded bytes) says of its
     * decoded size at least, or -1 when it says nothing: base64 lines of 76 characters and CRLF carry 57
     * bytes; quoted-printable may shrink to a third or not at all; the size of a whole message held in IMAP
     * counts its headers too.
     */
    private static long decodedSizeAtLeast(Part part, String encoding) throws MessagingException {
        long size = part.getSize();
        if (size < 0 || part instanceof Message) {
            return -1;
        }
        if (encoding == null) {
            return size;
        }
        return switch (encoding.toLowerCase(Locale.ROOT)) {
            case "7bit", "8bit", "binary" -> size;
            case "base64" -> size / 78 * 57;
            default -> -1;
        };
    }

    private static PartText tooLarge(String label, String size, long maxBytes) {
        return new PartText(null, label + " is " + size + "; the limit is " + size(maxBytes));
    }

    private static PartText decode(byte[] bytes, String label, String declared) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return strict(bytes, 3, StandardCharsets.UTF_8, label);
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return strict(bytes, 2, StandardCharsets.UTF_16BE, label);
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return strict(bytes, 2, StandardCharsets.UTF_16LE, label);
        }
        Charset charset = null;
        if (declared != null) {
            try {
                charset = Charset.forName(MimeUtility.javaCharset(declared.strip()));
            } catch (IllegalArgumentException e) {
                return new PartText(null, label + " is in the character set \"" + declared
                        + "\", which the hub cannot read; send it in UTF-8");
            }
        }
        if (charset != null && !charset.equals(StandardCharsets.US_ASCII)) {
            return strict(bytes, 0, charset, label);
        }
        PartText utf8 = strict(bytes, 0, StandardCharsets.UTF_8, label);
        if (utf8.problem() == null) {
            return utf8;
        }
        PartText windows = strict(bytes, 0, WINDOWS_1252, label);
        return windows.problem() == null ? windows : new PartText(null, label + " is neither UTF-8 nor "
                + "windows-1252; name its character set in the Content-Type, or send it in UTF-8");
    }

    private static PartText strict(byte[] bytes, int offset, Charset charset, String label) {
        try {
            String text = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
                    .toString();
            return new PartText(text.startsWith("\uFEFF") ? text.substring(1) : text, null);
        } catch (CharacterCodingException e) {
            return new PartText(null, label + " is not valid " + charset.name());
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
