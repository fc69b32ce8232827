package io.certbridge.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where an issuance request sits in a mail: the first plain-text part that is not an attachment, and the
 * CSV attachments (text/csv, or a file name ending in .csv), found through nested multiparts. A part with a
 * file name is an attachment whatever its disposition, as Apple Mail sends attachments "inline". A forwarded
 * mail (message/rfc822) is not looked into: what it says was written to someone else.
 */
record MailParts(Part text, List<Part> csvFiles) {

    static MailParts of(Part message) throws MessagingException, IOException {
        List<Part> texts = new ArrayList<>();
        List<Part> csvFiles = new ArrayList<>();
        collect(message, texts, csvFiles);
        return new MailParts(texts.isEmpty() ? null : texts.getFirst(), csvFiles);
    }

    /** "The attachment &lt;file name&gt;", to begin a sentence about a CSV attachment. */
    static String label(Part csvFile) throws MessagingException {
        String name = fileName(csvFile);
        return name == null ? "The CSV attachment" : "The attachment " + name;
    }

    /** A parameter of the part's Content-Type, or null, also when the header cannot be parsed. */
    static String parameter(Part part, String name) throws MessagingException {
        String contentType = part.getContentType();
        try {
            return contentType == null ? null : new ContentType(contentType).getParameter(name);
        } catch (ParseException e) {
            return null;
        }
    }

    private static void collect(Part part, List<Part> texts, List<Part> csvFiles)
            throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    collect(multipart.getBodyPart(i), texts, csvFiles);
                }
            }
            return;
        }
        String fileName = fileName(part);
        if (part.isMimeType("text/csv") || fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".csv")) {
            csvFiles.add(part);
        } else if (part.isMimeType("text/plain") && fileName == null
                && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            texts.add(part);
        }
    }

    /** Outlook and others encode non-ASCII file names as RFC 2047 words, which jakarta.mail leaves as they are. */
    private static String fileName(Part part) throws MessagingException {
        String name = part.getFileName();
        if (name == null || !name.contains("=?")) {
            return name;
        }
        try {
            return MimeUtility.decodeText(name);
        } catch (UnsupportedEncodingException e) {
            return name;
        }
    }
}
