package io.certbridge.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ParseException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What an issuance mail holds: its plain-text body as blocks, and the text of its CSV attachment if it has
 * one (null if not), each read within the size limit; or, in words, what keeps them from being read.
 */
record MailContent(BodyBlocks body, String csvLabel, String csv, List<String> problems) {

    private static final String NO_PLAIN_TEXT = "The mail has no plain-text part: send the recipients as "
            + "Key: value lines in plain text, or as a CSV attachment";

    /** Throws only when the message cannot be read, not when what it holds is broken. */
    static MailContent read(Part message, long maxBytes) throws MessagingException, IOException {
        try {
            return read(MailParts.of(message), maxBytes);
        } catch (MessagingException e) {
            if (!brokenMime(e)) {
                throw e;
            }
            return new MailContent(BodyBlocks.NONE, null, null,
                    List.of("The mail's MIME structure cannot be read (" + e.getMessage() + ")"));
        }
    }

    private static MailContent read(MailParts parts, long maxBytes) throws MessagingException, IOException {
        List<String> problems = new ArrayList<>();
        if (parts.text() == null && parts.csvFiles().isEmpty()) {
            problems.add(NO_PLAIN_TEXT);
        }
        if (parts.csvFiles().size() > 1) {
            problems.add("The mail has " + parts.csvFiles().size() + " CSV attachments; send one per mail");
        }
        BodyBlocks body = BodyBlocks.NONE;
        if (parts.text() != null) {
            PartText text = PartText.read(parts.text(), "The plain-text part", maxBytes);
            if (text.problem() != null) {
                problems.add(text.problem());
            } else {
                body = BodyBlocks.of(FlowedText.lines(text.text(), MailParts.parameter(parts.text(), "format"),
                        MailParts.parameter(parts.text(), "delsp")));
            }
        }
        String csvLabel = null;
        String csv = null;
        if (parts.csvFiles().size() == 1) {
            Part file = parts.csvFiles().getFirst();
            csvLabel = MailParts.label(file);
            PartText text = PartText.read(file, csvLabel, maxBytes);
            if (text.problem() != null) {
                problems.add(text.problem());
            } else {
                csv = text.text();
            }
        }
        return new MailContent(body, csvLabel, csv, problems);
    }

    /**
     * Whether jakarta.mail failed on the mail itself rather than on fetching it: a header it cannot parse, or
     * a plain MessagingException without a cause, which is how MimeMultipart reports a broken structure. A
     * closed folder or store, a removed message or a failed IMAP command is I/O.
     */
    private static boolean brokenMime(MessagingException e) {
        return e instanceof ParseException || (e.getClass() == MessagingException.class && e.getCause() == null);
    }
}
